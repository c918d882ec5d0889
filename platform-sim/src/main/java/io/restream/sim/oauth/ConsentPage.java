package io.restream.sim.oauth;

import static io.restream.sim.SimHttp.escapeHtml;

import java.util.List;

/** The simulated consent page: which app asks for what, with Authorize and Cancel. */
final class ConsentPage {
    private ConsentPage() {}

    static String render(String platform, String requestId, String clientId, List<String> scopes, String login) {
        return """
                <!doctype html>
                <html><head><meta charset="utf-8"><title>%1$s (simulated) – authorize</title>
                <style>body{font-family:sans-serif;max-width:32rem;margin:3rem auto}button{font-size:1rem;margin-right:1rem}</style>
                </head><body>
                <h1>%1$s <small>(simulator)</small></h1>
                <p>The application <code>%2$s</code> wants to access your account with the scopes:</p>
                <ul>%3$s</ul>
                <form method="post" action="/sim/%1$s/consent">
                  <input type="hidden" name="request" value="%4$s">
                  <label>Sign in as <input name="login" value="%5$s" pattern="[A-Za-z0-9_]{1,25}"></label>
                  <p><button name="decision" value="approve" id="approve">Authorize</button>
                     <button name="decision" value="deny" id="deny">Cancel</button></p>
                </form>
                </body></html>
                """.formatted(escapeHtml(platform), escapeHtml(clientId),
                scopes.stream().map(s -> "<li><code>" + escapeHtml(s) + "</code></li>").reduce("", String::concat),
                escapeHtml(requestId), escapeHtml(login));
    }
}
