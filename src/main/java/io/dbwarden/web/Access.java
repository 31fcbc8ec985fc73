package io.dbwarden.web;

import io.javalin.security.RouteRole;

/** The mark of a route anyone may call, token or not: only operational endpoints carry it (see OperationalAccess). */
enum Access implements RouteRole {
    PUBLIC
}
