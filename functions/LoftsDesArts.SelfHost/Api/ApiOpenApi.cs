using Microsoft.AspNetCore.OpenApi;
using System.Text.Json.Serialization;
using LoftsDesArts.Http.Pipeline;
using Microsoft.OpenApi;

namespace LoftsDesArts.SelfHost.Api;

/// <summary>
/// The OpenAPI document of the shared route table at <c>/openapi/v1.json</c> (DESIGN §3.1). The web client's
/// types are generated from its committed copy, <c>web/openapi.json</c>, so the document must say what the
/// API really sends: the schema generator is given the API's own JSON settings (<see cref="ApiJson"/>:
/// camelCase, enums as camelCase strings, numbers as numbers), a property the API omits when null is not required, and the
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
    /// A route's JSON request body. It is described here rather than by <c>Accepts(...)</c> metadata: that metadata
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

    private static bool IsNullable(IOpenApiSchema schema) =>
        (schema.Type is { } type && type.HasFlag(JsonSchemaType.Null))
        || (schema.OneOf?.Any(s => s.Type == JsonSchemaType.Null) ?? false)
        || (schema.AnyOf?.Any(s => s.Type == JsonSchemaType.Null) ?? false);
}
