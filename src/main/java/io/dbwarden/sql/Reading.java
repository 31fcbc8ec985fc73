package io.dbwarden.sql;

/**
 * The tokens of one way a server may read a text (for MySQL, with the choices its version comments leave open).
 *
 * @param how empty for the default reading, else the condition under which a server reads it so, e.g.
 *            "with sql_mode ANSI_QUOTES"
 */
record Reading(String how, TokenGraph graph) {}
