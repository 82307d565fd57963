using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Scheduling;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Http.Pipeline;
using LoftsDesArts.Testing.Events;
using LoftsDesArts.Testing.Scheduling;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LoftsDesArts.Api.Tests.Support;

/// <summary>
/// The self-host with its real background pump, on a fake clock that only the test moves (so the pump's
/// safety-net interval never elapses by itself), a recording handler that fails on subjects the test marks
/// broken, the test reminder job, and <see cref="TestHeaderAuthenticator"/> with a few staff and residents.
/// </summary>
public class PumpPortalFactory : PortalFactory
{
    public static readonly DateTimeOffset Start = new(2025, 6, 2, 14, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    public RecordingFeedHandler Handler { get; } = new("test-mail", Containers.Buildings);

    /// <summary>Subjects whose events the handler fails on (every attempt) while listed.</summary>
    public HashSet<string> Broken { get; } = [];

    public static IReadOnlyDictionary<string, CallerPrincipal> Callers { get; } = new Dictionary<string, CallerPrincipal>(StringComparer.Ordinal)
    {
        ["manager-b1"] = Staff("manager-b1", new Membership("b-1", null, Role.Manager)),
        ["manager-b1-en"] = Staff("manager-b1-en", new Membership("b-1", null, Role.Manager)) with { Language = Language.En },
        ["admin-b1"] = Staff("admin-b1", new Membership("b-1", null, Role.Admin)),
        ["frontdesk-b1"] = Staff("frontdesk-b1", new Membership("b-1", null, Role.FrontDesk)),
        ["board-b1"] = Staff("board-b1", new Membership("b-1", null, Role.Board)),
        ["manager-b2"] = Staff("manager-b2", new Membership("b-2", null, Role.Manager)),
        ["resident-b1"] = new("resident-b1", "session", AccountKind.Resident, true, Language.Fr, [new Membership("b-1", "u-101", Role.Resident)]),
    };

    public PumpPortalFactory()
    {
        Handler.OnHandle = (evt, _) =>
        {
            lock (Broken)
            {
                return Broken.Contains(evt.SubjectId) ? throw new InvalidOperationException($"test handler broken for {evt.SubjectId}") : Task.CompletedTask;
            }
        };
    }

    public PumpMetrics Metrics => Services.GetRequiredService<PumpMetrics>();

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    public void SetBroken(string subjectId, bool broken)
    {
        lock (Broken)
        {
            if (broken)
            {
                Broken.Add(subjectId);
            }
            else
            {
                Broken.Remove(subjectId);
            }
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton(new PumpOptions { RetryDelay = TimeSpan.Zero });
            services.AddSingleton<IFeedHandler>(Handler);
            services.AddSingleton<IScheduledJob>(new TestReminderJob());
            services.AddSingleton<IApiAuthenticator>(new TestHeaderAuthenticator(Callers));
        });
    }

    private static CallerPrincipal Staff(string id, Membership membership) =>
        new(id, "session", AccountKind.Staff, true, Language.Fr, [membership]);
}
