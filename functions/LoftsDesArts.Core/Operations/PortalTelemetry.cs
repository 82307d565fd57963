using LoftsDesArts.Core.Events;

namespace LoftsDesArts.Core.Operations;

/// <summary>
/// The activity sources and meters the portal's own code defines, in one place, so both hosts export the
/// same ones (self-host: console and OTLP; Functions: Application Insights).
/// </summary>
public static class PortalTelemetry
{
    /// <summary>The shared request pipeline: one activity per API call, named after the route.</summary>
    public const string HttpSourceName = "LoftsDesArts.Http";

    public static IReadOnlyList<string> ActivitySources { get; } = [HttpSourceName];

    public static IReadOnlyList<string> Meters { get; } = [PumpMetrics.MeterName];
}
