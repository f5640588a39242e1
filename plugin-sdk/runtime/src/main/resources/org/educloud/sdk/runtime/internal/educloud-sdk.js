/*
 * EduCloud SDK for an app's web pages (served by the kernel at /apps/{appId}/educloud-sdk.js).
 *
 * Include it in a page of the app: <script src="educloud-sdk.js"></script>. It signs the user in
 * through the kernel's single sign-on (OpenID Connect authorization code with PKCE, as the public
 * client app-{appId}-web): someone already signed in to the portal is not asked again. Then
 *
 *   const user = await EduCloud.ready;            // {username, name, roles: ["teacher@/37/..."]}
 *   const notices = await EduCloud.api("notices"); // GET /apps/{appId}/api/notices as JSON
 *   await EduCloud.api("notices", {method: "POST", body: {title: "..."}});
 *
 * EduCloud.api throws an Error whose message is the problem details' "detail" when the API refuses.
 */
(function () {
  "use strict";
  var issuer = "${issuer}";
  var folder = new URL("./", document.currentScript.src);
  var appId = folder.pathname.split("/")[2];
  var clientId = "app-" + appId + "-web";
  var redirectUri = issuer + "/apps/" + appId + "/";
  var store = window.sessionStorage;
  var key = "educloud." + appId + ".";

  function base64url(bytes) {
    var text = "";
    bytes.forEach(function (b) { text += String.fromCharCode(b); });
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function random() {
    var bytes = new Uint8Array(32);
    crypto.getRandomValues(bytes);
    return base64url(bytes);
  }

  async function signIn() {
    var verifier = random();
    var state = random();
    store.setItem(key + "verifier", verifier);
    store.setItem(key + "state", state);
    store.setItem(key + "return", location.pathname + location.hash);
    var digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
    var query = new URLSearchParams({
      response_type: "code", client_id: clientId, redirect_uri: redirectUri, scope: "openid profile",
      state: state, code_challenge: base64url(new Uint8Array(digest)), code_challenge_method: "S256",
      ui_locales: document.documentElement.lang || "zh-CN"
    });
    location.assign(issuer + "/oauth2/authorize?" + query);
    return new Promise(function () {}); // the page is leaving
  }

  async function redeem(params) {
    if (params.get("state") !== store.getItem(key + "state")) {
      throw new Error("the sign-in answer does not belong to this page (state differs); reload the page");
    }
    var response = await fetch(issuer + "/oauth2/token", {
      method: "POST",
      headers: {"Content-Type": "application/x-www-form-urlencoded"},
      body: new URLSearchParams({
        grant_type: "authorization_code", code: params.get("code"), redirect_uri: redirectUri,
        client_id: clientId, code_verifier: store.getItem(key + "verifier")
      })
    });
    var tokens = await response.json();
    if (!response.ok) {
      throw new Error("sign-in failed: " + (tokens.error_description || tokens.error || response.status));
    }
    store.setItem(key + "token", tokens.access_token);
    store.setItem(key + "id", tokens.id_token || "");
    store.setItem(key + "expires", String(Date.now() + (tokens.expires_in || 300) * 1000 - 10000));
    var back = store.getItem(key + "return") || folder.pathname;
    store.removeItem(key + "verifier");
    store.removeItem(key + "state");
    history.replaceState(null, "", back);
  }

  function claims(token) {
    var part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    var json = decodeURIComponent(Array.prototype.map.call(atob(part), function (c) {
      return "%" + ("00" + c.charCodeAt(0).toString(16)).slice(-2);
    }).join(""));
    return JSON.parse(json);
  }

  async function start() {
    var params = new URLSearchParams(location.search);
    if (params.get("error")) {
      throw new Error("sign-in refused: " + (params.get("error_description") || params.get("error")));
    }
    if (params.get("code")) {
      await redeem(params);
    }
    var token = store.getItem(key + "token");
    if (!token || Number(store.getItem(key + "expires")) < Date.now()) {
      return signIn();
    }
    var c = claims(token);
    var id = store.getItem(key + "id") ? claims(store.getItem(key + "id")) : {};
    return {username: c.preferred_username || c.sub, name: id.name || c.preferred_username || c.sub, roles: c.roles || []};
  }

  async function api(path, options) {
    await window.EduCloud.ready;
    options = options || {};
    var headers = {"Authorization": "Bearer " + store.getItem(key + "token"), "Accept": "application/json"};
    var body = options.body;
    if (body !== undefined && typeof body !== "string") {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(body);
    }
    var response = await fetch("/apps/" + appId + "/api/" + path.replace(/^\/+/, ""),
        {method: options.method || "GET", headers: headers, body: body});
    if (response.status === 401) {
      store.removeItem(key + "token");
      return signIn();
    }
    var text = await response.text();
    var json = text ? JSON.parse(text) : null;
    if (!response.ok) {
      throw new Error(json && (json.detail || json.title) || ("HTTP " + response.status));
    }
    return json;
  }

  window.EduCloud = {appId: appId, ready: start(), api: api};
})();
