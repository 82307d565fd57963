using System.Diagnostics;
using LoftsDesArts.Core.Operations;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LoftsDesArts.SelfHost.Telemetry;

/// <summary>
/// OpenTelemetry traces and metrics of the self-host: the portal's own sources and meters
/// (<see cref="PortalTelemetry"/>), ASP.NET Core and HttpClient. Exporters only when asked for:
/// the console with <c>Telemetry:Console=true</c> (off by default, so the console stays readable), OTLP
/// when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the exporter reads the standard <c>OTEL_*</c> variables).
/// Query strings never reach a span: the hub's <c>access_token</c> travels in one.
/// </summary>
public static class SelfHostTelemetry
{
    public const string ConsoleKey = "Telemetry:Console";
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ServiceName = "lofts-des-arts-selfhost";

    public static IServiceCollection AddSelfHostTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var console = configuration.GetValue<bool>(ConsoleKey);
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]);

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: typeof(SelfHostTelemetry).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing =>
            {
                tracing
                    .AddSource([.. PortalTelemetry.ActivitySources])
                    .AddAspNetCoreInstrumentation(options => options.EnrichWithHttpRequest = (activity, _) => RemoveQuery(activity))
                    .AddHttpClientInstrumentation(options => options.EnrichWithHttpRequestMessage = (activity, request) => RemoveQuery(activity, request.RequestUri));
                if (console)
                {
                    tracing.AddConsoleExporter();
                }

                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter([.. PortalTelemetry.Meters])
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (console)
                {
                    metrics.AddConsoleExporter();
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        return services;
    }

    /// <summary>
    /// Drops the query from a server span (<c>url.query</c>; the instrumentation would only redact its
    /// values) and from a client span's <c>url.full</c>.
    /// </summary>
    internal static void RemoveQuery(Activity activity, Uri? requestUri = null)
    {
        activity.SetTag("url.query", null);
        if (requestUri is { IsAbsoluteUri: true, Query.Length: > 0 })
        {
            activity.SetTag("url.full", requestUri.GetLeftPart(UriPartial.Path));
        }
    }
}
