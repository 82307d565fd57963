using LoftsDesArts.Core.Operations;
using LoftsDesArts.Http.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LoftsDesArts.Http.Health;

public sealed record HealthResponse(string Status);

public sealed record ReadinessResponse(string Status, IReadOnlyDictionary<string, ReadinessCheckResponse> Checks);

public sealed record ReadinessCheckResponse(bool Ready, string Detail);

/// <summary>Liveness (the process answers) and readiness (the store and the pump work).</summary>
public static class HealthRoutes
{
    public static readonly ApiRoute Live = ApiRoute
        .Get("GetHealth", "health", _ => Task.FromResult<IResult>(ApiJson.Ok(new HealthResponse("ok"))))
        .AllowAnonymous()
        .Returns<HealthResponse>()
        .Describe("Liveness: the process answers.");

    public static readonly ApiRoute Ready = ApiRoute
        .Get("GetReadiness", "health/ready", ReadyAsync)
        .AllowAnonymous()
        .Returns<ReadinessResponse>()
        .AlsoReturnsBodyOn(StatusCodes.Status503ServiceUnavailable)
        .Describe("Readiness: the store answers and the change-feed pump is running.");

    public static IEnumerable<ApiRoute> All => [Live, Ready];

    private static async Task<IResult> ReadyAsync(ApiCall call)
    {
        var checks = call.Services.GetServices<IReadinessCheck>();
        var results = new Dictionary<string, ReadinessCheckResponse>(StringComparer.Ordinal);
        foreach (var check in checks)
        {
            var result = await check.CheckAsync(call.Aborted).ConfigureAwait(false);
            results[check.Name] = new ReadinessCheckResponse(result.Ready, result.Detail);
        }

        var ready = results.Values.All(r => r.Ready);
        var body = new ReadinessResponse(ready ? "ready" : "not-ready", results);
        return TypedResults.Json(body, ApiJson.Options, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
