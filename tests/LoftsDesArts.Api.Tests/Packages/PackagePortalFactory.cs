using LoftsDesArts.Api.Tests.Support;
using LoftsDesArts.Core.Scheduling;
using LoftsDesArts.Infrastructure.Local.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Net.Http.Headers;

namespace LoftsDesArts.Api.Tests.Packages;

/// <summary>
/// The self-host with its real local adapters and background pump, on a fake clock that only the test
/// moves: the scheduler (arrival digests, reminders, photo purge) runs when the test says so, through
/// <see cref="AdvanceAsync"/> or <see cref="RunSchedulerAsync"/>. Sessions, TOTP codes and ages all follow the clock.
/// </summary>
public class PackagePortalFactory : PortalFactory
{
    /// <summary>Thursday 2026-11-26, 10:00 in Montréal (EST).</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 26, 15, 0, 0, TimeSpan.Zero);

    public PackagePortalFactory()
        : this(DefaultStart)
    {
    }

    protected PackagePortalFactory(DateTimeOffset start)
    {
        Clock = new FakeTimeProvider(start);
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>
    /// As the base client, but its cookies ignore their expiry dates: those are set on the host's fake clock,
    /// which may be far from the machine's, and a cookie container would drop them as already expired. The
    /// server still judges every session by its own clock.
    /// </summary>
    public override HttpClient CreatePortalClient(bool csrfHeaders = true)
    {
        var client = CreateDefaultClient(new Uri(Origin), new CookieJarHandler());
        if (csrfHeaders)
        {
            client.DefaultRequestHeaders.Add("X-Lda-Request", "1");
            client.DefaultRequestHeaders.Add("Origin", Origin);
        }

        client.DefaultRequestHeaders.Add("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36");
        return client;
    }

    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>Moves the clock, lets the scheduler act at the new instant and the pump handle what it wrote.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await RunSchedulerAsync();
    }

    /// <summary>Moves the clock to <paramref name="instant"/> (forward only), then as <see cref="AdvanceAsync"/>.</summary>
    public Task AdvanceToAsync(DateTimeOffset instant)
    {
        Assert.True(instant >= Clock.GetUtcNow(), $"the clock is already past {instant:O}");
        return AdvanceAsync(instant - Clock.GetUtcNow());
    }

    public async Task RunSchedulerAsync()
    {
        await Services.GetRequiredService<Scheduler>().RunDueAsync(CancellationToken.None);
        await this.SettleAsync();
    }

    /// <summary>The errors the host logged, for the message of a failed assertion.</summary>
    public string RecentErrors() =>
        string.Join("\n", Logs.Entries.Where(e => e.Level >= LogLevel.Error).TakeLast(3).Select(e => $"{e.Category}: {e.Message}\n{e.Exception}"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(Logs);
            logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Warning);
        });
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);

            // A fake clock fires a periodic timer once per period it skips: a 5 s interval would run the
            // scheduler ~17,000 times for one simulated day. The tests run the scheduler themselves
            // (RunSchedulerAsync); commits still wake the pump at once.
            services.AddSingleton(new LocalPumpOptions
            {
                SchedulerInterval = TimeSpan.FromDays(30),
                SafetyNetInterval = TimeSpan.FromHours(1),
                PurgeInterval = TimeSpan.FromDays(30),
            });
        });
    }
}

/// <summary>The host for the reminder schedule across the fall-back change: 2026-10-29 08:30 in Montréal (EDT, UTC−4).</summary>
public sealed class DstPackagePortalFactory() : PackagePortalFactory(Arrival)
{
    public static readonly DateTimeOffset Arrival = new(2026, 10, 29, 12, 30, 0, TimeSpan.Zero);
}

/// <summary>Keeps the cookies a response sets (by name) and sends them back; a deletion (empty value or an expiry at the epoch) removes one. The header is parsed, not searched: a challenge's random MAC may itself contain "1970".</summary>
internal sealed class CookieJarHandler : DelegatingHandler
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_cookies)
        {
            if (_cookies.Count > 0)
            {
                request.Headers.Remove("Cookie");
                request.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var headers))
        {
            lock (_cookies)
            {
                foreach (var cookie in SetCookieHeaderValue.ParseList(headers.ToList()))
                {
                    // A deletion: ASP.NET Core sends an empty value with an expiry at the Unix epoch.
                    if (cookie.Value.Length == 0 || cookie.Expires?.Year == 1970)
                    {
                        _cookies.Remove(cookie.Name.ToString());
                    }
                    else
                    {
                        _cookies[cookie.Name.ToString()] = cookie.Value.ToString();
                    }
                }
            }
        }

        return response;
    }
}
