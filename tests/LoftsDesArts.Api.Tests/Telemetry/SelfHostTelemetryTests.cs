using System.Diagnostics;
using System.Net;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Http.Pipeline;
using OpenTelemetry.Metrics;

namespace LoftsDesArts.Api.Tests.Telemetry;

/// <summary>
/// The self-host's OpenTelemetry pipeline in the running host, seen through the in-memory exporter: the
/// shared pipeline's activity under ASP.NET Core's, the pump's metrics, and no query string in any span.
/// </summary>
public sealed class SelfHostTelemetryTests
{
    /// <summary>Only guards against a hang; nothing here is timed.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ApiRequest_Traced_PipelineActivityNamedAfterTheRouteUnderTheServerSpan()
    {
        using var factory = new TelemetryPortalFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/health", UriKind.Relative));
        var server = await factory.WaitForActivityAsync(a => a.Kind == ActivityKind.Server && (string?)a.GetTagItem("url.path") == "/api/health", HangGuard);
        var pipeline = factory.Activities.Single(a => a.Source.Name == ApiPipeline.ActivitySource.Name && a.TraceId == server.TraceId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("LoftsDesArts.Http", pipeline.Source.Name);
        Assert.Equal("GetHealth", pipeline.DisplayName);
        Assert.Equal("GetHealth", pipeline.GetTagItem("lda.route"));
        Assert.Equal("api/health", pipeline.GetTagItem("http.route"));
        Assert.Equal(server.SpanId, pipeline.ParentSpanId);
        Assert.Equal("/api/health", server.GetTagItem("http.route"));
    }

    [Theory]
    [InlineData("/hubs/portal/negotiate?negotiateVersion=1&access_token=")]
    [InlineData("/hubs/portal?id=abc&access_token=")]
    [InlineData("/api/health?access_token=")]
    public async Task RequestWithATokenInTheQuery_Traced_NoSpanCarriesTheQuery(string pathAndQuery)
    {
        using var factory = new TelemetryPortalFactory();
        using var client = factory.CreateClient();
        var token = "tok" + Guid.NewGuid().ToString("N");
        var path = pathAndQuery[..pathAndQuery.IndexOf('?', StringComparison.Ordinal)];

        using var response = await client.GetAsync(new Uri(pathAndQuery + token, UriKind.Relative));
        var server = await factory.WaitForActivityAsync(a => a.Kind == ActivityKind.Server && (string?)a.GetTagItem("url.path") == path, HangGuard);

        Assert.Null(server.GetTagItem("url.query"));
        Assert.All(factory.Activities, activity =>
        {
            Assert.DoesNotContain(token, activity.DisplayName, StringComparison.Ordinal);
            Assert.DoesNotContain(activity.TagObjects, tag => tag.Value?.ToString()?.Contains(token, StringComparison.Ordinal) == true);
        });
    }

    [Fact]
    public async Task PumpHandlesAnEvent_MetricsCollected_LagHistogramCarriesHandlerAndKind()
    {
        using var factory = new TelemetryPortalFactory();
        var occurred = factory.Clock.GetUtcNow() - TimeSpan.FromSeconds(3);
        var evt = EventDocument.ForBuilding("b-1", "pkg-otel", "package.arrived", occurred);

        await factory.Store.CreateAsync(Containers.Buildings, "b-1", evt.Id, evt, default);
        await factory.Handler.WaitForAsync(evt.Id, HangGuard);

        // The pump records its metrics just after the handler returns: flush until they are exported.
        using var guard = new CancellationTokenSource(HangGuard);
        while (!factory.ExportedMetrics.Any(m => m.Name == "lda.pump.lag"))
        {
            Assert.True(factory.MeterProvider.ForceFlush());
            await Task.Delay(20, guard.Token);
        }

        Assert.True(factory.MeterProvider.ForceFlush());

        var lag = factory.ExportedMetrics.Last(m => m.Name == "lda.pump.lag");
        Assert.Equal(PumpMetrics.MeterName, lag.MeterName);
        Assert.Equal("s", lag.Unit);
        var point = Assert.Single(Points(lag), p => Tag(p, "handler") == "test-mail" && Tag(p, "kind") == "package.arrived");
        Assert.Equal(1, point.GetHistogramCount());
        Assert.Equal(3, point.GetHistogramSum());
        var handled = factory.ExportedMetrics.Last(m => m.Name == "lda.pump.events.handled");
        Assert.Equal(1, Assert.Single(Points(handled), p => Tag(p, "handler") == "test-mail").GetSumLong());
    }

    private static List<MetricPoint> Points(Metric metric)
    {
        var points = new List<MetricPoint>();
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            points.Add(point);
        }

        return points;
    }

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value?.ToString();
            }
        }

        return null;
    }
}
