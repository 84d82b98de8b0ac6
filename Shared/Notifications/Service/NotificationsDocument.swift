import FoundationEssentials
import GuichetCore

/// The OpenAPI description of what notifications add to a service: the template and webhook
/// routes under its path, and — in OpenAPI 3.1's `webhooks` section — every event it sends to
/// registered endpoints, with the Standard Webhooks headers and the event's payload.
public enum NotificationsDocument {
    /// The fragment for a service named `service` emitting `events`.
    public static func fragment(service: String, events: WebhookEventCatalog) -> JSONValue {
        let text = routesTemplate
            .replacingOccurrences(of: "__SERVICE__", with: service)
            .replacingOccurrences(of: "__OPERATION__", with: service.replacingOccurrences(of: "-", with: "_"))
        guard case .object(var document)? = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else {
            preconditionFailure("the notification routes' OpenAPI fragment is malformed")
        }
        var webhooks: [String: JSONValue] = [:]
        for name in events.names {
            guard let type = events.types[name] else { continue }
            webhooks[name] = webhook(type, service: service)
        }
        if !webhooks.isEmpty { document["webhooks"] = .object(webhooks) }
        return .object(document)
    }

    private static func header(_ name: String, _ description: String, pattern: String? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "string"]
        if let pattern { schema["pattern"] = .string(pattern) }
        return ["name": .string(name), "in": "header", "required": true, "description": .string(description), "schema": .object(schema)]
    }

    private static func webhook(_ type: WebhookEventType, service: String) -> JSONValue {
        let operation = type.name.split(separator: ".").enumerated().map { index, part in
            index == 0 ? String(part) : part.prefix(1).uppercased() + part.dropFirst()
        }.joined().replacingOccurrences(of: "_", with: "")
        let payload: JSONValue = [
            "type": "object",
            "required": ["id", "type", "timestamp", "tenant", "data"],
            "properties": [
                "id": ["type": "string", "format": "uuid", "description": "The event's id."],
                "type": ["type": "string", "const": .string(type.name)],
                "timestamp": ["type": "string", "format": "date-time", "description": "When the event happened, in the tenant's time zone."],
                "tenant": ["type": "string", "description": "The tenant's slug."],
                "data": type.dataSchema,
            ],
        ]
        return [
            "post": [
                "tags": ["webhooks"],
                "operationId": .string("\(service.replacingOccurrences(of: "-", with: "_"))_\(operation)Webhook"),
                "summary": .string(type.summary),
                "description": .string(
                    "Sent to the endpoints a tenant's administrator registered for `\(type.name)`. Verify `webhook-signature` "
                        + "(Standard Webhooks: HMAC-SHA256 of `webhook-id.webhook-timestamp.body` with the endpoint's secret, base64, "
                        + "`v1,` prefixed; two signatures, space-separated, while a rotated secret overlaps), reject timestamps far from "
                        + "now, and de-duplicate on `webhook-id`: a delivery is retried until it is answered 2xx."),
                "parameters": [
                    header("webhook-id", "The delivery's stable id, the same on every retry."),
                    header("webhook-timestamp", "Unix seconds of this attempt.", pattern: "^[0-9]+$"),
                    header("webhook-signature", "Space-separated `v1,<base64>` signatures.", pattern: "^v1,[A-Za-z0-9+/=]+( v1,[A-Za-z0-9+/=]+)*$"),
                ],
                "requestBody": [
                    "required": true,
                    "content": ["application/json": ["schema": payload, "example": [
                        "id": "01a2427a-cce5-712d-b770-8d6efec68b8b", "type": .string(type.name),
                        "timestamp": "2026-12-04T20:00:00.000+01:00", "tenant": "demo", "data": type.example,
                    ]]],
                ],
                "responses": [
                    "200": ["description": "Received (any 2xx will do)."],
                    "410": ["description": "The endpoint wants no more deliveries: it is disabled."],
                ],
            ]
        ]
    }

    private static let routesTemplate = #"""
        {
          "openapi": "3.1.0",
          "info": {"title": "Notifications", "version": "1.0.0"},
          "tags": [
            {"name": "notification-templates", "description": "The wording of the emails and SMS the service sends, per tenant and language (administrators)."},
            {"name": "webhooks", "description": "Endpoints of other systems told about the service's events, signed in the manner of Standard Webhooks (administrators)."}
          ],
          "paths": {
            "/v1/{tenant}/__SERVICE__/notification-templates": {
              "get": {
                "tags": ["notification-templates"], "operationId": "__OPERATION___listNotificationTemplates",
                "summary": "The service's templates, their variables, and the languages the tenant reworded.",
                "security": [{"gatewayContext": []}],
                "parameters": [{"$ref": "#/components/parameters/NotificationsTenant"}],
                "responses": {
                  "200": {"description": "The templates.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NotificationTemplateList"}}}},
                  "401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"},
                  "404": {"$ref": "#/components/responses/Problem"}, "503": {"$ref": "#/components/responses/Problem"}
                }
              }
            },
            "/v1/{tenant}/__SERVICE__/notification-templates/{name}/{language}": {
              "get": {
                "tags": ["notification-templates"], "operationId": "__OPERATION___getNotificationTemplate",
                "summary": "The wording in force: the tenant's, or the default.",
                "security": [{"gatewayContext": []}],
                "parameters": [{"$ref": "#/components/parameters/NotificationsTenant"}, {"$ref": "#/components/parameters/TemplateName"}, {"$ref": "#/components/parameters/TemplateLanguage"}],
                "responses": {
                  "200": {"description": "The wording.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NotificationTemplate"}}}},
                  "401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"},
                  "404": {"$ref": "#/components/responses/Problem"}, "503": {"$ref": "#/components/responses/Problem"}
                }
              },
              "put": {
                "tags": ["notification-templates"], "operationId": "__OPERATION___saveNotificationTemplate",
                "summary": "Save the tenant's wording. Refused (422) when it uses a variable the template does not have (`unknown_variable`), leaves out one it must contain (`missing_variable`), or is malformed (`template_syntax`).",
                "security": [{"gatewayContext": []}],
                "parameters": [{"$ref": "#/components/parameters/NotificationsTenant"}, {"$ref": "#/components/parameters/TemplateName"}, {"$ref": "#/components/parameters/TemplateLanguage"}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NotificationTemplateInput"}}}},
                "responses": {
                  "200": {"description": "Saved.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NotificationTemplate"}}}},
                  "400": {"$ref": "#/components/responses/Problem"}, "401": {"$ref": "#/components/responses/Problem"},
                  "403": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"},
                  "413": {"$ref": "#/components/responses/Problem"}, "415": {"$ref": "#/components/responses/Problem"},
                  "422": {"$ref": "#/components/responses/Problem"}, "503": {"$ref": "#/components/responses/Problem"}
                }
              },
              "delete": {
                "tags": ["notification-templates"], "operationId": "__OPERATION___resetNotificationTemplate",
                "summary": "Back to the default wording.",
                "security": [{"gatewayContext": []}],
                "parameters": [{"$ref": "#/components/parameters/NotificationsTenant"}, {"$ref": "#/components/parameters/TemplateName"}, {"$ref": "#/components/parameters/TemplateLanguage"}],
                "responses": {
                  "204": {"description": "The default applies again."},
                  "401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"},
                  "404": {"$ref": "#/components/responses/Problem"}, "503": {"$ref": "#/components/responses/Problem"}
                }
              }
            },
            "/v1/{tenant}/__SERVICE__/webhooks/event-types": {
              "get": {
                "tags": ["webhooks"], "operationId": "__OPERATION___listWebhookEventTypes",
                "summary": "The events the service sends (described in this document's `webhooks`).",
                "security": [{"gatewayContext": []}],
                "parameters": [{"$ref": "#/components/parameters/NotificationsTenant"}],
                "responses": {
                  "200": {"description": "The event types.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WebhookEventTypeList"}}}},
                  "401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"},
                  "404": {"$ref": "#/components/responses/Problem"}, "503": {"$ref": "#/components/responses/Problem"}
                }
              }
            },
            "/v1/{tenant}/__SERVICE__/webhooks/endpoints": {
              "get": {
                "tags": ["webhooks"], "operationId": "__OPERATION___listWebhookEndpoints",
                "summary": "The tenant's endpoints (never their secrets).",
                "security": [{"gatewayContext": []}],
                "parameters": [{"$ref": "#/components/parameters/NotificationsTenant"}],
                "responses": {
                  "200": {"description": "The endpoints.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WebhookEndpointList"}}}},
                  "401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"},
                  "404": {"$ref": "#/components/responses/Problem"}, "503": {"$ref": "#/components/responses/Problem"}
                }
              },
              "post": {
                "tags": ["webhooks"], "operationId": "__OPERATION___createWebhookEndpoint",
                "summary": "Register an endpoint for some event types. The answer holds its signing secret, shown this once. The URL must be https:// and reach public addresses only (`https_required`, `unresolvable`, `address_not_allowed`).",
                "security": [{"gatewayContext": []}],
                "parameters": [{"$ref": "#/components/parameters/NotificationsTenant"}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WebhookEndpointInput"}}}},
                "responses": {
                  "201": {"description": "Registered.", "headers": {"Location": {"schema": {"type": "string"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WebhookEndpoint"}}}},
                  "400": {"$ref": "#/components/responses/Problem"}, "401": {"$ref": "#/components/responses/Problem"},
                  "403": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"},
                  "413": {"$ref": "#/components/responses/Problem"}, "415": {"$ref": "#/components/responses/Problem"},
                  "422": {"$ref": "#/components/responses/Problem"}, "503": {"$ref": "#/components/responses/Problem"}
                }
              }
            },
            "/v1/{tenant}/__SERVICE__/webhooks/endpoints/{id}": {
              "get": {
                "tags": ["webhooks"], "operationId": "__OPERATION___getWebhookEndpoint", "summary": "One endpoint.",
                "security": [{"gatewayContext": []}],
                "parameters": [{"$ref": "#/components/parameters/NotificationsTenant"}, {"$ref": "#/components/parameters/WebhookEndpointID"}],
                "responses": {
                  "200": {"description": "The endpoint.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WebhookEndpoint"}}}},
                  "401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"},
                  "404": {"$ref": "#/components/responses/Problem"}, "503": {"$ref": "#/components/responses/Problem"}
                }
              },
              "patch": {
                "tags": ["webhooks"], "operationId": "__OPERATION___updateWebhookEndpoint",
                "summary": "Change the URL, the event types or the description; `disabled` stops or resumes deliveries.",
                "security": [{"gatewayContext": []}],
                "parameters": [{"$ref": "#/components/parameters/NotificationsTenant"}, {"$ref": "#/components/parameters/WebhookEndpointID"}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WebhookEndpointChange"}}}},
                "responses": {
                  "200": {"description": "Changed.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WebhookEndpoint"}}}},
                  "400": {"$ref": "#/components/responses/Problem"}, "401": {"$ref": "#/components/responses/Problem"},
                  "403": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"},
                  "413": {"$ref": "#/components/responses/Problem"}, "415": {"$ref": "#/components/responses/Problem"},
                  "422": {"$ref": "#/components/responses/Problem"}, "503": {"$ref": "#/components/responses/Problem"}
                }
              },
              "delete": {
                "tags": ["webhooks"], "operationId": "__OPERATION___deleteWebhookEndpoint",
                "summary": "Remove an endpoint; its deliveries still pending are refused when due (dead letters).",
                "security": [{"gatewayContext": []}],
                "parameters": [{"$ref": "#/components/parameters/NotificationsTenant"}, {"$ref": "#/components/parameters/WebhookEndpointID"}],
                "responses": {
                  "204": {"description": "Removed."},
                  "401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"},
                  "404": {"$ref": "#/components/responses/Problem"}, "503": {"$ref": "#/components/responses/Problem"}
                }
              }
            },
            "/v1/{tenant}/__SERVICE__/webhooks/endpoints/{id}/rotate-secret": {
              "post": {
                "tags": ["webhooks"], "operationId": "__OPERATION___rotateWebhookSecret",
                "summary": "A new signing secret (in the answer, this once); the previous one keeps signing too for `overlap_seconds` (a day by default, 0 to stop at once).",
                "security": [{"gatewayContext": []}],
                "parameters": [{"$ref": "#/components/parameters/NotificationsTenant"}, {"$ref": "#/components/parameters/WebhookEndpointID"}],
                "requestBody": {"required": false, "content": {"application/json": {"schema": {"type": "object", "properties": {"overlap_seconds": {"type": "integer", "minimum": 0, "maximum": 604800}}}}}},
                "responses": {
                  "200": {"description": "Rotated.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WebhookEndpoint"}}}},
                  "400": {"$ref": "#/components/responses/Problem"}, "401": {"$ref": "#/components/responses/Problem"},
                  "403": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"},
                  "413": {"$ref": "#/components/responses/Problem"}, "415": {"$ref": "#/components/responses/Problem"},
                  "422": {"$ref": "#/components/responses/Problem"}, "503": {"$ref": "#/components/responses/Problem"}
                }
              }
            },
            "/v1/{tenant}/__SERVICE__/webhooks/endpoints/{id}/deliveries": {
              "get": {
                "tags": ["webhooks"], "operationId": "__OPERATION___listWebhookDeliveries",
                "summary": "The endpoint's deliveries, newest first, with every attempt (status, duration, error).",
                "security": [{"gatewayContext": []}],
                "parameters": [
                  {"$ref": "#/components/parameters/NotificationsTenant"}, {"$ref": "#/components/parameters/WebhookEndpointID"},
                  {"name": "before", "in": "query", "required": false, "schema": {"type": "string", "format": "uuid"}},
                  {"name": "limit", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}}
                ],
                "responses": {
                  "200": {"description": "A page of deliveries.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WebhookDeliveryList"}}}},
                  "401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"},
                  "404": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"},
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
              "NotificationsTenant": {"name": "tenant", "in": "path", "required": true, "description": "The tenant's slug.", "schema": {"type": "string", "pattern": "^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$"}},
              "TemplateName": {"name": "name", "in": "path", "required": true, "schema": {"type": "string"}, "example": "complaint.acknowledgement"},
              "TemplateLanguage": {"name": "language", "in": "path", "required": true, "schema": {"type": "string", "enum": ["fr", "ar", "en"]}},
              "WebhookEndpointID": {"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}
            },
            "schemas": {
              "NotificationTemplateSummary": {
                "type": "object", "required": ["name", "medium", "required_variables", "optional_variables", "customized_languages"],
                "properties": {
                  "name": {"type": "string"}, "medium": {"type": "string", "enum": ["email", "sms"]},
                  "required_variables": {"type": "array", "items": {"type": "string"}},
                  "optional_variables": {"type": "array", "items": {"type": "string"}},
                  "customized_languages": {"type": "array", "items": {"type": "string", "enum": ["fr", "ar", "en"]}}
                }
              },
              "NotificationTemplateList": {"type": "object", "required": ["templates"], "properties": {"templates": {"type": "array", "items": {"$ref": "#/components/schemas/NotificationTemplateSummary"}}}},
              "NotificationTemplate": {
                "type": "object", "required": ["name", "language", "medium", "customized", "text", "required_variables", "optional_variables"],
                "properties": {
                  "name": {"type": "string"}, "language": {"type": "string", "enum": ["fr", "ar", "en"]},
                  "medium": {"type": "string", "enum": ["email", "sms"]}, "customized": {"type": "boolean"},
                  "subject": {"type": "string"}, "text": {"type": "string"}, "html": {"type": "string", "description": "The fragment inside <body>; without it the text is laid out as HTML."},
                  "required_variables": {"type": "array", "items": {"type": "string"}},
                  "optional_variables": {"type": "array", "items": {"type": "string"}}
                }
              },
              "NotificationTemplateInput": {
                "type": "object", "required": ["text"],
                "description": "Variables are written {{name}}. Emails need a subject; SMS have neither subject nor html.",
                "properties": {
                  "subject": {"type": "string", "maxLength": 300}, "text": {"type": "string", "maxLength": 20000},
                  "html": {"type": "string", "maxLength": 50000}
                }
              },
              "WebhookEventTypeList": {
                "type": "object", "required": ["event_types"],
                "properties": {"event_types": {"type": "array", "items": {"type": "object", "required": ["name", "summary"], "properties": {"name": {"type": "string"}, "summary": {"type": "string"}}}}}
              },
              "WebhookEndpointInput": {
                "type": "object", "required": ["url", "event_types"],
                "properties": {
                  "url": {"type": "string", "format": "uri", "maxLength": 2000},
                  "event_types": {"type": "array", "minItems": 1, "maxItems": 100, "uniqueItems": true, "items": {"type": "string"}},
                  "description": {"type": ["string", "null"], "maxLength": 500}
                }
              },
              "WebhookEndpointChange": {
                "type": "object",
                "properties": {
                  "url": {"type": "string", "format": "uri", "maxLength": 2000},
                  "event_types": {"type": "array", "minItems": 1, "maxItems": 100, "uniqueItems": true, "items": {"type": "string"}},
                  "description": {"type": ["string", "null"], "maxLength": 500},
                  "disabled": {"type": "boolean"}
                }
              },
              "WebhookEndpoint": {
                "type": "object", "required": ["id", "url", "event_types", "disabled", "created_at", "updated_at"],
                "properties": {
                  "id": {"type": "string", "format": "uuid"}, "url": {"type": "string"},
                  "event_types": {"type": "array", "items": {"type": "string"}}, "description": {"type": "string"},
                  "disabled": {"type": "boolean"}, "disabled_at": {"type": "string", "format": "date-time"}, "disabled_reason": {"type": "string"},
                  "secret": {"type": "string", "pattern": "^whsec_", "description": "The signing secret: only in the answers to registration and rotation."},
                  "previous_secret_expires_at": {"type": "string", "format": "date-time", "description": "Until then the previous secret signs too."},
                  "created_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"}
                }
              },
              "WebhookEndpointList": {"type": "object", "required": ["endpoints"], "properties": {"endpoints": {"type": "array", "items": {"$ref": "#/components/schemas/WebhookEndpoint"}}}},
              "WebhookDelivery": {
                "type": "object", "required": ["id", "event_type", "state", "attempt_count", "created_at", "attempts"],
                "properties": {
                  "id": {"type": "string", "format": "uuid", "description": "The webhook-id of the delivery."},
                  "event_type": {"type": "string"}, "state": {"type": "string", "enum": ["pending", "delivered", "dead"]},
                  "attempt_count": {"type": "integer"}, "next_attempt_at": {"type": "string", "format": "date-time"},
                  "last_error": {"type": "string"}, "created_at": {"type": "string", "format": "date-time"},
                  "delivered_at": {"type": "string", "format": "date-time"},
                  "attempts": {"type": "array", "items": {"type": "object", "required": ["started_at", "duration_ms", "outcome"], "properties": {
                    "started_at": {"type": "string", "format": "date-time"}, "duration_ms": {"type": "integer"},
                    "outcome": {"type": "string", "enum": ["delivered", "failed", "rejected"]}, "status_code": {"type": "integer"}, "detail": {"type": "string"}
                  }}}
                }
              },
              "WebhookDeliveryList": {
                "type": "object", "required": ["deliveries"],
                "properties": {"deliveries": {"type": "array", "items": {"$ref": "#/components/schemas/WebhookDelivery"}}, "next_before": {"type": "string", "format": "uuid"}}
              }
            }
          }
        }
        """#
}
