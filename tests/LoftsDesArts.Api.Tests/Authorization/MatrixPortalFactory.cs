using LoftsDesArts.Api.Tests.Support;
using LoftsDesArts.Infrastructure.Local.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace LoftsDesArts.Api.Tests.Authorization;

/// <summary>
/// The self-host for the authorization tests: the home building gets an id that appears nowhere else
/// (so a search for it in a body means something), the client address is taken from X-Forwarded-For
/// (so each caller of the matrix spends its own per-address budgets, as distinct people would), and
/// the host's log is kept so a failing case can show the exception behind a 500. The scheduler's periodic
/// round is off: its time-based work (a unit's grouped arrival email falls due 10 s after the desk logs a
/// package) would write between a refused request and the check that it wrote nothing. It runs once at
/// start, on an empty store, as always; the change-feed pump runs as usual.
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
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<LocalPumpOptions>();
            services.AddSingleton(new LocalPumpOptions { SchedulerInterval = TimeSpan.FromDays(1) });
        });
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
