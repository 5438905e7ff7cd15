/**
 * Security (DESIGN §9): users with bearer tokens stored hashed, an admin role, and the access rule of every path.
 * A path that is not normalized is refused first; access is decided on the path as the router reads it and again on
 * the route it reached. Each request's caller is resolved once by
 * {@link io.candlekeep.app.security.BearerTokenFilter}; controllers take
 * a {@link io.candlekeep.app.security.Caller} parameter and pass it on, so a service never guesses whose data it
 * touches. The first start creates the admin token, writes it to the data folder readable by its owner only and
 * prints the file's path and the dashboard URL, never the token.
 */
package io.candlekeep.app.security;
