using System.Text.Json;
using System.Text.Json.Nodes;

namespace LoftsDesArts.Api.Tests.OpenApi;

/// <summary>
/// Checks a real JSON answer against a schema of the OpenAPI document: <c>$ref</c>, <c>type</c> (one or
/// several), <c>enum</c>, <c>properties</c> (no undocumented property), <c>required</c>,
/// <c>additionalProperties</c>, <c>items</c> and <c>oneOf</c>. Returns what does not conform, with a JSON path.
/// </summary>
internal static class SchemaConformance
{
    public static List<string> Check(JsonNode document, JsonNode schema, JsonElement value, string path = "$")
    {
        var problems = new List<string>();
        Check(document, schema, value, path, problems);
        return problems;
    }

    private static void Check(JsonNode document, JsonNode schema, JsonElement value, string path, List<string> problems)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            var name = reference["#/components/schemas/".Length..];
            Check(document, document["components"]!["schemas"]![name]!, value, path, problems);
            return;
        }

        if (schema["oneOf"] is JsonArray oneOf)
        {
            if (!oneOf.Any(option => Check(document, option!, value, path).Count == 0))
            {
                problems.Add($"{path}: matches none of oneOf");
            }

            return;
        }

        var types = schema["type"] switch
        {
            JsonArray many => many.Select(t => t!.GetValue<string>()).ToList(),
            JsonValue one => [one.GetValue<string>()],
            _ => [],
        };
        if (types.Count > 0 && !types.Any(t => Is(value, t)))
        {
            problems.Add($"{path}: {value.ValueKind} is not {string.Join("|", types)}");
            return;
        }

        if (schema["enum"] is JsonArray values && !values.Any(v => v?.ToJsonString() == value.GetRawText()))
        {
            problems.Add($"{path}: {value.GetRawText()} is not one of {values.ToJsonString()}");
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            var properties = schema["properties"] as JsonObject;
            foreach (var required in (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()))
            {
                if (!value.TryGetProperty(required, out _))
                {
                    problems.Add($"{path}.{required}: required but absent");
                }
            }

            foreach (var property in value.EnumerateObject())
            {
                if (properties?[property.Name] is { } propertySchema)
                {
                    Check(document, propertySchema, property.Value, $"{path}.{property.Name}", problems);
                }
                else if (schema["additionalProperties"] is JsonObject additional)
                {
                    Check(document, additional, property.Value, $"{path}.{property.Name}", problems);
                }
                else
                {
                    problems.Add($"{path}.{property.Name}: not in the schema");
                }
            }
        }

        if (value.ValueKind == JsonValueKind.Array && schema["items"] is { } items)
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(document, items, item, $"{path}[{index++}]", problems);
            }
        }
    }

    private static bool Is(JsonElement value, string type) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => false,
    };
}
