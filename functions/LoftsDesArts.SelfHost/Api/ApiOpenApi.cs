using Microsoft.AspNetCore.OpenApi;
using System.Text.Json.Serialization;
using LoftsDesArts.Http.Pipeline;
using Microsoft.OpenApi;

namespace LoftsDesArts.SelfHost.Api;

/// <summary>
/// The OpenAPI document of the shared route table at <c>/openapi/v1.json</c> (DESIGN §3.1). The web client's
/// types are generated from its committed copy, <c>web/openapi.json</c>, so the document must say what the
/// API really sends: the schema generator is given the API's own JSON settings (<see cref="ApiJson"/>:
/// camelCase, enums as camelCase strings or their declared wire names, numbers as numbers), a property the API omits when null is not required, and the
/// document names no server (it is the same wherever it is served).
/// </summary>
internal static class ApiOpenApi
{
    public const string DocumentPattern = "/openapi/{documentName}.json";

    public static IServiceCollection AddPortalOpenApi(this IServiceCollection services)
    {
        // The generator reads ASP.NET Core's HTTP JSON options; the API writes with ApiJson.Options.
        services.ConfigureHttpJsonOptions(options =>
        {
            var json = options.SerializerOptions;
            json.PropertyNamingPolicy = ApiJson.Options.PropertyNamingPolicy;
            json.DictionaryKeyPolicy = ApiJson.Options.DictionaryKeyPolicy;
            json.DefaultIgnoreCondition = ApiJson.Options.DefaultIgnoreCondition;

            // The API writes numbers as numbers; that it also reads "12" (web defaults) is leniency, not contract.
            json.NumberHandling = JsonNumberHandling.Strict;
            foreach (var converter in ApiJson.Options.Converters)
            {
                json.Converters.Add(converter);
            }
        });

        services.AddOpenApi(options => options
            .AddOperationTransformer(DescribeBodyAsync)
            .AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Lofts des Arts API";
            document.Info.Version = "v1";
            document.Servers = [];
            foreach (var schema in document.Components?.Schemas?.Values.OfType<OpenApiSchema>() ?? [])
            {
                Complete(schema);
            }

            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>
    /// A route's request body: raw bytes of the media types a binary route accepts (a photo), else its JSON body. It is described here rather than by <c>Accepts(...)</c> metadata: that metadata
    /// also makes routing match on Content-Type, so a request without JSON would miss the endpoint (and fall through
    /// to a bare 404) instead of reaching the pipeline, which answers 415 with a problem in the caller's language — as
    /// the Functions app does.
    /// </summary>
    private static async Task DescribeBodyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiBodyMetadata>().FirstOrDefault() is { BinaryMediaTypes.Count: > 0 } binary)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = binary.BinaryMediaTypes.ToDictionary(
                    type => type,
                    _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                    StringComparer.Ordinal),
            };
        }
        else if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiBodyMetadata>().FirstOrDefault() is { } body)
        {
            // A named component, as the generator makes for response types, so web clients get a type of that name.
            var schema = await context.GetOrCreateSchemaAsync(body.BodyType, null, cancellationToken).ConfigureAwait(false);
            MarkNullable(schema, body.BodyType, depth: 0);
            var document = context.Document!;
            document.AddComponent<IOpenApiSchema>(body.BodyType.Name, schema);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                {
                    ["application/json"] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(body.BodyType.Name, document) },
                },
            };
        }
    }

    /// <summary>
    /// After generation (a property's nullable <c>oneOf</c> wrapper only exists then): a nullable property is
    /// not required, since ApiJson omits null values; an enum is a string (its values are the names).
    /// </summary>
    private static void Complete(OpenApiSchema schema)
    {
        if (schema.Enum is { Count: > 0 } && schema.Type is null)
        {
            schema.Type = JsonSchemaType.String;
        }

        // The generator adds null to the values of an enum that some property declares nullable; that property's
        // own oneOf already says so, and the API never writes null (it omits the property): the values are the
        // names the API writes, nothing else.
        if (schema.Enum is { Count: > 0 } values)
        {
            for (var i = values.Count - 1; i >= 0; i--)
            {
                if (values[i] is null || values[i].GetValueKind() == System.Text.Json.JsonValueKind.Null)
                {
                    values.RemoveAt(i);
                }
            }
        }

        if (schema.Properties is { Count: > 0 } properties && schema.Required is { Count: > 0 } required)
        {
            foreach (var (name, property) in properties)
            {
                if (IsNullable(property))
                {
                    required.Remove(name);
                }
            }
        }
    }

    /// <summary>
    /// A request body's nested objects are inlined by the generator without their nullability: a property the C# type
    /// declares nullable (<c>vacationHold</c>, an authorized person's <c>expiresOn</c>) allows null and is not
    /// required, as the API reads it, at every level.
    /// </summary>
    private static void MarkNullable(IOpenApiSchema schema, Type type, int depth)
    {
        if (depth > 4 || schema is not OpenApiSchema { Properties: { Count: > 0 } properties } target)
        {
            return;
        }

        var nullability = new System.Reflection.NullabilityInfoContext();
        foreach (var property in type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
        {
            var name = ApiJson.Options.PropertyNamingPolicy?.ConvertName(property.Name) ?? property.Name;
            if (!properties.TryGetValue(name, out var child))
            {
                continue;
            }

            if (nullability.Create(property).ReadState == System.Reflection.NullabilityState.Nullable)
            {
                target.Required?.Remove(name);
                if (child is OpenApiSchema { Type: { } childType } inline && !childType.HasFlag(JsonSchemaType.Null))
                {
                    inline.Type = childType | JsonSchemaType.Null;
                }
            }

            // Nested records (not strings, not enums), and the items of a list of them.
            var element = property.PropertyType.IsGenericType && property.PropertyType.GetGenericArguments() is [var item] ? item : property.PropertyType;
            if (element.IsClass && element != typeof(string))
            {
                MarkNullable(child is OpenApiSchema { Items: { } items } && element != property.PropertyType ? items : child, element, depth + 1);
            }
        }
    }

    private static bool IsNullable(IOpenApiSchema schema) =>
        (schema.Type is { } type && type.HasFlag(JsonSchemaType.Null))
        || (schema.OneOf?.Any(s => s.Type == JsonSchemaType.Null) ?? false)
        || (schema.AnyOf?.Any(s => s.Type == JsonSchemaType.Null) ?? false);
}
