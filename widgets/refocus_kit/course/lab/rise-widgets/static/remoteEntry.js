/*
 * The kit's own (refocus-kit): lets ipywidgets draw, live, in JupyterLab RISE's slides.
 *
 * 1. The widget manager. RISE (jupyterlab-rise 0.43.1) shows slides in an app of its own,
 * built on JupyterLab 4.3.4, which loads the Lab's federated extensions into a share scope of
 * its own. That scope has no @jupyterlab/console (RISE's app leaves the console out), and the
 * ipywidgets manager (@jupyter-widgets/jupyterlab-manager 5.0, ipywidgets 8.1) imports its
 * console tracker token from there. So in the slides the manager fails to load ("Shared module
 * @jupyterlab/console doesn't exist in shared scope default") and every widget shows as its
 * text. The manager asks for the console tracker only as an optional service, to manage
 * widgets in consoles, which slides do not have.
 *
 * When this container is initialised with a share scope that has no @jupyterlab/console, it
 * adds one whose only export is an IConsoleTracker token that no plugin provides: the manager
 * loads and finds no console tracker, as it does wherever there is no console. Where the scope
 * has a console (the Lab itself) it adds nothing. The version it declares, 0.0.0, says it is
 * not the real package; webpack warns that the version is unsatisfied, and uses it.
 *
 * 2. Slides that grow. A live widget grows after its slide is laid out (a check's feedback, the
 * room's answers), and RISE fits a slide to the screen only when the slide changes. The style
 * module lets any slide taller than the screen scroll; the kit's settings (overrides.json) put
 * slides at the top (center: false), so a slide that grows grows downwards.
 *
 * It exposes no plugin. Its style applies only inside reveal.js slides (.reveal .slides).
 */
(function () {
  'use strict';

  var NAME = 'refocus-rise-widgets';
  var CONSOLE = '@jupyterlab/console';
  var COREUTILS = '@lumino/coreutils';
  var STYLE_ID = NAME + '-style';
  var STYLE =
    '.reveal .slides > section > section { max-height: 95vh; overflow-y: auto; }';
  var has = Object.prototype.hasOwnProperty;

  function newest(versions) {
    return Object.keys(versions)
      .sort(function (a, b) {
        var x = a.split(/[.-]/);
        var y = b.split(/[.-]/);
        for (var i = 0; i < 3; i++) {
          var d = (parseInt(x[i], 10) || 0) - (parseInt(y[i], 10) || 0);
          if (d !== 0) {
            return d;
          }
        }
        return 0;
      })
      .pop();
  }

  function consoleWithoutTracker(scope) {
    return function () {
      var coreutils = scope[COREUTILS][newest(scope[COREUTILS])];
      coreutils.loaded = 1;
      return Promise.resolve(coreutils.get()).then(function (factory) {
        var lumino = factory();
        var module = {
          IConsoleTracker: new lumino.Token(
            CONSOLE + ':IConsoleTracker',
            'No console here: a stand-in from ' + NAME + ', provided by no plugin.'
          )
        };
        return function () {
          return module;
        };
      });
    };
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

  window._JUPYTERLAB = window._JUPYTERLAB || {};
  window._JUPYTERLAB[NAME] = {
    init: function (scope) {
      if (!scope || has.call(scope, CONSOLE) || !has.call(scope, COREUTILS)) {
        return;
      }
      scope[CONSOLE] = {
        '0.0.0': { get: consoleWithoutTracker(scope), from: NAME, eager: false }
      };
    },
    get: function (module) {
      if (module === './style') {
        return Promise.resolve(function () {
          return addStyle();
        });
      }
      return Promise.reject(new Error('Module "' + module + '" does not exist in ' + NAME + '.'));
    }
  };
})();
