// The noticeboard page: everything it shows comes from the app's API, called with the user's token.
(function () {
  "use strict";
  var texts = {
    "zh-CN": {title: "校园公告", loading: "正在加载…", post: "发布公告", to: "发给", noticeTitle: "标题", body: "内容", send: "发布",
      board: "公告栏", empty: "暂无公告", read: "标为已读", posted: "已发布", school: "全校", other: "English"},
    "en": {title: "Notices", loading: "Loading…", post: "Post a notice", to: "To", noticeTitle: "Title", body: "Text", send: "Post",
      board: "Noticeboard", empty: "No notices yet", read: "Mark read", posted: "Posted", school: "Whole school", other: "中文"}
  };
  var lang = localStorage.getItem("notices.lang") === "en" ? "en" : "zh-CN";
  var t = texts[lang];
  var $ = function (id) { return document.getElementById(id); };

  function translate() {
    document.documentElement.lang = lang;
    document.title = t.title;
    document.querySelectorAll("[data-text]").forEach(function (el) { el.textContent = t[el.dataset.text]; });
    $("lang").textContent = t.other;
  }

  function show(message) { $("status").textContent = message; $("status").hidden = !message; }

  async function loadBoard() {
    var board = await EduCloud.api("notices");
    $("unread").textContent = board.unread > 0 ? String(board.unread) : "";
    var list = $("board");
    list.textContent = "";
    board.items.forEach(function (notice) {
      var item = document.createElement("li");
      item.className = notice.read ? "read" : "unread";
      item.dataset.id = notice.id;
      var h = document.createElement("h3");
      h.textContent = notice.title;
      var p = document.createElement("p");
      p.textContent = notice.body;
      var meta = document.createElement("small");
      meta.textContent = (notice.classTitle || t.school) + " · " + notice.authorName + " · " + new Date(notice.postedAt).toLocaleString(lang);
      item.append(h, p, meta);
      if (!notice.read) {
        var mark = document.createElement("button");
        mark.type = "button";
        mark.className = "mark-read";
        mark.textContent = t.read;
        mark.onclick = async function () { await EduCloud.api("notices/" + notice.id + "/read", {method: "POST"}); loadBoard(); };
        item.append(mark);
      }
      list.append(item);
    });
    show(board.items.length ? "" : t.empty);
  }

  async function loadForm() {
    var targets = await EduCloud.api("notices/audiences");
    if (!targets.length) {
      return;
    }
    var select = $("audience");
    targets.forEach(function (target, i) {
      var option = document.createElement("option");
      option.value = String(i);
      option.textContent = target.classId ? target.title : t.school + " " + target.school;
      select.append(option);
    });
    $("post").hidden = false;
    $("post").onsubmit = async function (event) {
      event.preventDefault();
      var target = targets[Number(select.value)];
      try {
        await EduCloud.api("notices", {method: "POST", body: {title: $("notice-title").value, body: $("notice-body").value,
          classId: target.classId, school: target.school}});
        $("post-result").textContent = t.posted;
        $("post").reset();
        loadBoard();
      } catch (e) {
        $("post-result").textContent = e.message;
      }
    };
  }

  $("lang").onclick = function (event) {
    event.preventDefault();
    localStorage.setItem("notices.lang", lang === "en" ? "zh-CN" : "en");
    location.reload();
  };
  translate();
  EduCloud.ready.then(function (user) {
    $("who").textContent = user.name;
    return Promise.all([loadBoard(), loadForm()]);
  }).catch(function (e) { show(e.message); });
})();
