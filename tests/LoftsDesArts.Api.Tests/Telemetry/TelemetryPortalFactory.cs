using System.Diagnostics;
using LoftsDesArts.Api.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace LoftsDesArts.Api.Tests.Telemetry;

/// <summary>
/// The self-host with its real background pump and OpenTelemetry's in-memory exporter added to the
/// tracer and meter providers the host itself configures (<c>AddSelfHostTelemetry</c>).
/// </summary>
public sealed class TelemetryPortalFactory : PumpPortalFactory
{
    private readonly List<Activity> _activities = [];

    public List<Metric> ExportedMetrics { get; } = [];

    /// <summary>A snapshot: the exporter adds from the server's threads.</summary>
    public IReadOnlyList<Activity> Activities
    {
        get
        {
            lock (_activities)
            {
                return [.. _activities];
            }
        }
    }

    public MeterProvider MeterProvider => Services.GetRequiredService<MeterProvider>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new OpenTelemetry.SimpleActivityExportProcessor(new LockedInMemoryExporter(_activities))));
            services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(ExportedMetrics));
        });
    }

    /// <summary>Waits (a hang guard, nothing timed) until an exported activity matches.</summary>
    public async Task<Activity> WaitForActivityAsync(Func<Activity, bool> match, TimeSpan hangGuard)
    {
        using var cts = new CancellationTokenSource(hangGuard);
        while (true)
        {
            if (Activities.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(20, cts.Token);
        }
    }

    private sealed class LockedInMemoryExporter(List<Activity> target) : OpenTelemetry.BaseExporter<Activity>
    {
        public override OpenTelemetry.ExportResult Export(in OpenTelemetry.Batch<Activity> batch)
        {
            lock (target)
            {
                foreach (var activity in batch)
                {
                    target.Add(activity);
                }
            }

            return OpenTelemetry.ExportResult.Success;
        }
    }
}
