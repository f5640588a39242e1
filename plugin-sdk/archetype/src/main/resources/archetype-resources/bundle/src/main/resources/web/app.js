// The page shows what GET /apps/${appId}/api/hello answers for the signed-in user.
(function () {
  "use strict";
  var texts = {
    "zh-CN": {title: "${appNameZh}", loading: "正在加载…", visits: "访问次数", version: "版本", other: "English"},
    "en": {title: "${appNameEn}", loading: "Loading…", visits: "Visits", version: "Version", other: "中文"}
  };
  var lang = localStorage.getItem("${appId}.lang") === "en" ? "en" : "zh-CN";
  var t = texts[lang];
  var $ = function (id) { return document.getElementById(id); };

  document.documentElement.lang = lang;
  document.title = t.title;
  document.querySelectorAll("[data-text]").forEach(function (el) { el.textContent = t[el.dataset.text]; });
  $("lang").textContent = t.other;
  $("lang").onclick = function (event) {
    event.preventDefault();
    localStorage.setItem("${appId}.lang", lang === "en" ? "zh-CN" : "en");
    location.reload();
  };

  EduCloud.api("hello?lang=" + lang).then(function (hello) {
    $("greeting").textContent = hello.greeting;
    $("visits").textContent = String(hello.visits);
    $("version").textContent = hello.version;
  }).catch(function (e) { $("greeting").textContent = e.message; });
})();
