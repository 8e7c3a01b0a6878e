/*
 * The kit's own (refocus-kit): each exercise's due date on its row of nbgrader's Assignment
 * List. nbgrader 0.9.6's list (Nbgrader > Assignment List) shows none (nbgrader issue #943).
 *
 * `refocus exercises release`, and a date the facilitator moves, leave the course's due dates
 * in the exchange; the kit's server extension (refocus_kit/exercises/due_handler.py) reads them
 * where this server's nbgrader settings put the exchange, and answers
 * GET <base_url>/refocus-kit/due-dates with {assignments: [{course_id, assignment_id, due,
 * label}]}. This plugin watches the page for the list's rows (nbgrader draws them anew after
 * a refresh, a fetch or a submit), asks for the dates once each time rows appear, and adds
 * the label ("Due 4 March 2027") to each assignment's row the kit knows, marked overdue on a
 * released or fetched assignment whose date is past and that has no submission in the list.
 * A row the kit knows nothing of is left as nbgrader drew it; if the dates cannot be had, the
 * list is left alone. Everything is written as text, never as HTML.
 *
 * No build step: a hand-written module federation container, like the kit's
 * refocus-rise-widgets. It takes nothing from the share scope.
 */
(function () {
  'use strict';

  var NAME = 'refocus-due-dates';
  var ENDPOINT = 'refocus-kit/due-dates';
  var LISTS = ['released', 'fetched', 'submitted'];
  var DUE = 'refocus-due';
  var OVERDUE = 'refocus-due-overdue';
  var SEEN = 'data-refocus-due'; // on a row: "shown" or "none", so it is looked at once
  var ABOUT = "The exercise's due date, from the REFOCUS course kit (the kit's addition to " +
    "nbgrader's Assignment List).";
  var STYLE_ID = NAME + '-style';
  var GREY = 'var(--jp-ui-font-color2, #616161)';
  var RED = 'var(--jp-error-color1, #d32f2f)';
  var STYLE = [
    '.' + DUE + ' { margin-left: 1em; color: ' + GREY + '; white-space: nowrap; }',
    '.' + OVERDUE + ' { color: ' + RED + '; font-weight: 600; }',
    '.' + OVERDUE + '-mark { margin-left: 0.5em; padding: 0 0.4em; border: 1px solid ' + RED +
      '; border-radius: 3px; }'
  ].join('\n');

  function rowsOf(list) {
    var container = document.getElementById(list + '_assignments_list');
    if (!container) {
      return [];
    }
    return Array.prototype.filter.call(container.children, function (child) {
      return child.classList.contains('list_item');
    });
  }

  function textOf(element) {
    return element ? element.textContent.trim() : '';
  }

  // An assignment's row, as nbgrader draws it: div.list_item > div.col-md-12 > span.item_name
  // (the assignment's name, a link once fetched), span.item_course (the course).
  function keyOf(row) {
    var line = row.firstElementChild;
    if (!line) {
      return null;
    }
    var name = line.querySelector(':scope > .item_name');
    var course = line.querySelector(':scope > .item_course');
    var assignment = name && textOf(name.firstElementChild);
    return assignment && course ? textOf(course) + '\n' + assignment : null;
  }

  function label(entry, overdue) {
    var span = document.createElement('span');
    span.className = DUE;
    span.title = ABOUT;
    span.textContent = entry.label;
    if (overdue) {
      span.classList.add(OVERDUE);
      var mark = document.createElement('span');
      mark.className = OVERDUE + '-mark';
      mark.textContent = 'overdue';
      span.appendChild(mark);
    }
    return span;
  }

  function decorate(dates) {
    var submitted = {};
    rowsOf('submitted').forEach(function (row) {
      submitted[keyOf(row)] = true;
    });
    var now = Date.now();
    LISTS.forEach(function (list) {
      rowsOf(list).forEach(function (row) {
        if (row.hasAttribute(SEEN)) {
          return;
        }
        var key = keyOf(row);
        var entry = dates && key ? dates[key] : undefined;
        row.setAttribute(SEEN, entry ? 'shown' : 'none');
        if (!entry) {
          return;
        }
        var late = list !== 'submitted' && !submitted[key] && Date.parse(entry.due) < now;
        row.firstElementChild.querySelector(':scope > .item_name').appendChild(label(entry, late));
      });
    });
  }

  function valid(entry) {
    return entry && ['course_id', 'assignment_id', 'due', 'label'].every(function (field) {
      return typeof entry[field] === 'string';
    }) && !isNaN(Date.parse(entry.due));
  }

  function askForDates(settings) {
    var url = settings.baseUrl.replace(/\/?$/, '/') + ENDPOINT;
    var request = { method: 'GET', headers: {}, credentials: 'same-origin', cache: 'no-store' };
    if (settings.token) {
      request.headers.Authorization = 'token ' + settings.token;
    }
    return window
      .fetch(url, request)
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.json();
      })
      .then(function (answer) {
        var dates = {};
        (Array.isArray(answer && answer.assignments) ? answer.assignments : [])
          .filter(valid)
          .forEach(function (entry) {
            dates[entry.course_id + '\n' + entry.assignment_id] = entry;
          });
        return dates;
      });
  }

  function waiting() {
    return LISTS.some(function (list) {
      return rowsOf(list).some(function (row) {
        return !row.hasAttribute(SEEN);
      });
    });
  }

  function watch(settings) {
    var asking = false;
    var queued = false;

    function look() {
      queued = false;
      if (asking || !waiting()) {
        return;
      }
      asking = true;
      askForDates(settings)
        .then(decorate, function (error) {
          console.warn(NAME + ': no due dates for the Assignment List (' + error + ')');
          decorate(null);
        })
        .then(function () {
          asking = false;
          schedule(); // rows drawn while asking
        });
    }

    function schedule() {
      if (!queued) {
        queued = true;
        window.setTimeout(look, 0);
      }
    }

    new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true });
    schedule();
  }

  function addStyle() {
    if (!document.getElementById(STYLE_ID)) {
      var style = document.createElement('style');
      style.id = STYLE_ID;
      style.textContent = STYLE;
      document.head.appendChild(style);
    }
    return {};
  }

  var plugin = {
    id: NAME + ':plugin',
    description: "The kit's own: each exercise's due date in nbgrader's Assignment List.",
    autoStart: true,
    activate: function (app) {
      watch(app.serviceManager.serverSettings);
    }
  };

  window._JUPYTERLAB = window._JUPYTERLAB || {};
  window._JUPYTERLAB[NAME] = {
    init: function () {},
    get: function (module) {
      if (module === './extension') {
        return Promise.resolve(function () {
          return { __esModule: true, default: [plugin] };
        });
      }
      if (module === './style') {
        return Promise.resolve(function () {
          return addStyle();
        });
      }
      return Promise.reject(new Error('Module "' + module + '" does not exist in ' + NAME + '.'));
    }
  };
})();
