using LoftsDesArts.Http;
using LoftsDesArts.Http.Pipeline;
using Microsoft.OpenApi;

namespace LoftsDesArts.SelfHost.Api;

/// <summary>The JSON body a route reads, for the OpenAPI document only (see <see cref="ApiEndpoints.AddPortalApiDocument"/>).</summary>
internal sealed record ApiBodyMetadata(Type BodyType);

/// <summary>Maps the shared route table under /api; each endpoint is a call into the pipeline.</summary>
internal static class ApiEndpoints
{
    /// <summary>
    /// The OpenAPI document, with each route's JSON request body. The body is described by a transformer
    /// rather than <c>Accepts(...)</c> metadata: that metadata also makes routing match on Content-Type, so a
    /// request without JSON would miss the endpoint (and fall through to a bare 404) instead of reaching the
    /// pipeline, which answers 415 with a problem in the caller's language — as the Functions app does.
    /// </summary>
    public static IServiceCollection AddPortalApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddOperationTransformer(async (operation, context, cancellationToken) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiBodyMetadata>().FirstOrDefault() is { } body)
            {
                var schema = await context.GetOrCreateSchemaAsync(body.BodyType, null, cancellationToken).ConfigureAwait(false);
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { ["application/json"] = new OpenApiMediaType { Schema = schema } },
                };
            }
        }));

    public static IEndpointRouteBuilder MapPortalApi(this IEndpointRouteBuilder endpoints)
    {
        foreach (var route in ApiRouteTable.All)
        {
            var builder = endpoints
                .MapMethods($"/{ApiPipeline.RoutePrefix}/{route.Template}", [route.Method], (HttpContext context, ApiPipeline pipeline) => pipeline.InvokeAsync(context, route))
                .WithName(route.Name)
                .WithTags(route.Tag);
            if (route.Summary is not null)
            {
                builder.WithSummary(route.Summary);
            }

            if (route.BodyType is not null)
            {
                builder.WithMetadata(new ApiBodyMetadata(route.BodyType));
            }

            if (route.ResponseType is not null)
            {
                builder.Produces(StatusCodes.Status200OK, route.ResponseType);
            }

            builder.ProducesProblem(StatusCodes.Status400BadRequest);
        }

        return endpoints;
    }
}
