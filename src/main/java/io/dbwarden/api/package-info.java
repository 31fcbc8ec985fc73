/**
 * dbwarden's REST API, {@code /api/v1} ({@link io.dbwarden.api.ApiV1}): targets, checks and their settings, runs,
 * findings and their history, the audit log, and the OpenAPI 3.1 document at {@code /api/v1/openapi.json}, written by
 * hand in {@code src/main/resources/api/openapi.yaml}.
 *
 * <p>Handlers are thin: they read the request strictly (unknown fields and unknown query parameters are 400s, so a
 * typo never silently widens a query), call one method of the {@link io.dbwarden.service.DbwardenService}, and shape
 * the answer as snake_case JSON records of their own, so the service's records can change without changing the API.
 * The service's refusals map to statuses in one place ({@code ApiErrors}): invalid content 422, unknown names 404,
 * clashes 409. Secrets never come back: target DSNs are redacted by the service.
 */
package io.dbwarden.api;
