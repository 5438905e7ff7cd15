/**
 * What every HTTP endpoint shares: domain exceptions mapped to {@code application/problem+json},
 * and the parsing of instants given as ISO-8601 or epoch milliseconds.
 */
package io.candlekeep.app.web;
