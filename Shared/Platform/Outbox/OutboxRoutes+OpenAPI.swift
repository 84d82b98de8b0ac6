import FoundationEssentials
import GuichetCore

extension OutboxRoutes {
    /// The OpenAPI description of the outbox routes under `/v1/{tenant}/<service>/outbox`, to merge
    /// into the service's document (`OpenAPIMerger.merge(document, with: [OutboxRoutes.document(service: "complaints")])`).
    /// Operation ids are prefixed with the service's name, so that the gateway's merged document
    /// keeps them unique.
    public static func document(service: String) -> JSONValue {
        let text = template
            .replacingOccurrences(of: "__SERVICE__", with: service)
            .replacingOccurrences(of: "__OPERATION__", with: service.replacingOccurrences(of: "-", with: "_"))
        guard let document = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else {
            preconditionFailure("the outbox routes' OpenAPI fragment is malformed")
        }
        return document
    }

    private static let template = #"""
        {
          "openapi": "3.1.0",
          "info": {"title": "Outbox", "version": "1.0.0"},
          "tags": [{"name": "outbox", "description": "Messages waiting to leave the service (email, SMS, webhooks), dead letters and their replay (administrators)."}],
          "paths": {
            "/v1/{tenant}/__SERVICE__/outbox/messages": {
              "get": {
                "tags": ["outbox"],
                "operationId": "__OPERATION___listOutboxMessages",
                "summary": "The tenant's outbox messages, newest first (administrators).",
                "security": [{"gatewayContext": []}],
                "parameters": [
                  {"$ref": "#/components/parameters/OutboxTenant"},
                  {"name": "state", "in": "query", "required": false, "description": "Only the messages in this state (`dead`: the dead letters).", "schema": {"type": "string", "enum": ["pending", "delivered", "dead", "cancelled"]}},
                  {"name": "target", "in": "query", "required": false, "description": "Only the messages to this target (a webhook endpoint's id).", "schema": {"type": "string", "maxLength": 200}},
                  {"name": "before", "in": "query", "required": false, "description": "The `next_before` of the previous page.", "schema": {"type": "string", "format": "uuid"}},
                  {"name": "limit", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}}
                ],
                "responses": {
                  "200": {"description": "A page of messages.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/OutboxMessageList"}}}},
                  "401": {"$ref": "#/components/responses/Problem"},
                  "403": {"$ref": "#/components/responses/Problem"},
                  "404": {"$ref": "#/components/responses/Problem"},
                  "422": {"$ref": "#/components/responses/Problem"},
                  "503": {"$ref": "#/components/responses/Problem"}
                }
              }
            },
            "/v1/{tenant}/__SERVICE__/outbox/messages/{id}": {
              "get": {
                "tags": ["outbox"],
                "operationId": "__OPERATION___getOutboxMessage",
                "summary": "One outbox message and its delivery attempts (administrators).",
                "security": [{"gatewayContext": []}],
                "parameters": [{"$ref": "#/components/parameters/OutboxTenant"}, {"$ref": "#/components/parameters/OutboxMessageID"}],
                "responses": {
                  "200": {"description": "The message.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/OutboxMessage"}}}},
                  "401": {"$ref": "#/components/responses/Problem"},
                  "403": {"$ref": "#/components/responses/Problem"},
                  "404": {"$ref": "#/components/responses/Problem"},
                  "503": {"$ref": "#/components/responses/Problem"}
                }
              }
            },
            "/v1/{tenant}/__SERVICE__/outbox/messages/{id}/replay": {
              "post": {
                "tags": ["outbox"],
                "operationId": "__OPERATION___replayOutboxMessage",
                "summary": "Replay a dead letter: it becomes pending again, due now, with a fresh budget of attempts (administrators).",
                "security": [{"gatewayContext": []}],
                "parameters": [{"$ref": "#/components/parameters/OutboxTenant"}, {"$ref": "#/components/parameters/OutboxMessageID"}],
                "responses": {
                  "200": {"description": "Pending again.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/OutboxMessage"}}}},
                  "401": {"$ref": "#/components/responses/Problem"},
                  "403": {"$ref": "#/components/responses/Problem"},
                  "404": {"$ref": "#/components/responses/Problem"},
                  "409": {"$ref": "#/components/responses/Problem"},
                  "413": {"$ref": "#/components/responses/Problem"},
                  "503": {"$ref": "#/components/responses/Problem"}
                }
              }
            }
          },
          "components": {
            "securitySchemes": {
              "gatewayContext": {"type": "apiKey", "in": "header", "name": "X-Guichet-Context", "description": "The gateway's signed context token: the only credential the service trusts. Clients call through the gateway, which adds it."}
            },
            "parameters": {
              "OutboxTenant": {"name": "tenant", "in": "path", "required": true, "description": "The tenant's slug.", "schema": {"type": "string", "pattern": "^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$"}},
              "OutboxMessageID": {"name": "id", "in": "path", "required": true, "description": "The message's id.", "schema": {"type": "string", "format": "uuid"}}
            },
            "schemas": {
              "OutboxAttempt": {
                "type": "object",
                "required": ["id", "started_at", "duration_ms", "outcome"],
                "properties": {
                  "id": {"type": "string", "format": "uuid"},
                  "started_at": {"type": "string", "format": "date-time"},
                  "duration_ms": {"type": "integer", "minimum": 0},
                  "outcome": {"type": "string", "enum": ["delivered", "failed", "rejected"], "description": "`failed` is retried; `rejected` was refused for good."},
                  "status_code": {"type": "integer", "description": "The HTTP status or SMTP reply code, when the other side answered."},
                  "detail": {"type": "string"}
                }
              },
              "OutboxMessage": {
                "type": "object",
                "required": ["id", "channel", "topic", "state", "attempt_count", "created_at", "updated_at"],
                "properties": {
                  "id": {"type": "string", "format": "uuid", "description": "The message's stable id, carried by every attempt (receivers de-duplicate on it)."},
                  "channel": {"type": "string", "examples": ["email", "sms", "webhook"]},
                  "topic": {"type": "string", "description": "The template or event name.", "examples": ["complaint.acknowledgement"]},
                  "target": {"type": "string", "description": "Who it goes to within its channel (a webhook endpoint's id)."},
                  "state": {"type": "string", "enum": ["pending", "delivered", "dead", "cancelled"]},
                  "attempt_count": {"type": "integer", "minimum": 0},
                  "next_attempt_at": {"type": "string", "format": "date-time"},
                  "last_error": {"type": "string"},
                  "created_at": {"type": "string", "format": "date-time"},
                  "updated_at": {"type": "string", "format": "date-time"},
                  "delivered_at": {"type": "string", "format": "date-time"},
                  "attempts": {"type": "array", "items": {"$ref": "#/components/schemas/OutboxAttempt"}}
                }
              },
              "OutboxMessageList": {
                "type": "object",
                "required": ["messages"],
                "properties": {
                  "messages": {"type": "array", "items": {"$ref": "#/components/schemas/OutboxMessage"}},
                  "next_before": {"type": "string", "format": "uuid", "description": "Pass as `before` for the next page; absent on the last one."}
                }
              }
            }
          }
        }
        """#
}
