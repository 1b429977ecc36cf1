package org.oidcstore.it.server.json;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The application's own JSON endpoint, deployed in the same WAR as the store's jars: it writes a
 * {@link TokenResponse} and echoes one it reads, with whatever JSON provider the server chose for
 * the deployment.
 */
@Path("token")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    @GET
    public TokenResponse issue() {
        TokenResponse r = new TokenResponse();
        r.accessToken = "not-a-real-token";
        r.tokenType = "Bearer";
        r.expiresIn = 300;
        return r;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public TokenResponse echo(TokenResponse in) {
        return in;
    }
}
