using LoftsDesArts.Api.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace LoftsDesArts.Api.Tests.Authorization;

/// <summary>
/// The self-host for the authorization tests: the home building gets an id that appears nowhere else
/// (so a search for it in a body means something), the client address is taken from X-Forwarded-For
/// (so each caller of the matrix spends its own per-address budgets, as distinct people would), and
/// the host's log is kept so a failing case can show the exception behind a 500.
/// </summary>
public sealed class MatrixPortalFactory : PortalFactory
{
    public const string HomeBuilding = "immeuble-clark";

    public CapturingLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Portal:BuildingId", HomeBuilding);
        builder.UseSetting("Portal:BuildingName", "Lofts Clark");
        builder.UseSetting("Security:TrustForwardedFor", "true");
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(Logs);
            logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Warning);
        });
    }

    /// <summary>The errors the host logged, for the message of a failed assertion.</summary>
    public string RecentErrors() =>
        string.Join("\n", Logs.Entries.Where(e => e.Level >= LogLevel.Error).TakeLast(3).Select(e => $"{e.Category}: {e.Message}\n{e.Exception}"));
}
