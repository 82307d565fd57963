using System.Collections.Concurrent;
using LoftsDesArts.Api.Tests.Support;
using LoftsDesArts.Core.Realtime;
using LoftsDesArts.SelfHost.Realtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LoftsDesArts.Api.Tests.Staff;

/// <summary>The self-host whose real-time publisher (the in-process hub's) also records group removals and closes.</summary>
public class StaffPortalFactory : PortalFactory
{
    public RecordingRealtimePublisher Realtime { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<HubRealtimePublisher>();
            services.Replace(ServiceDescriptor.Singleton<IRealtimePublisher>(sp => Realtime.Wrapping(sp.GetRequiredService<HubRealtimePublisher>())));
        });
    }
}

/// <summary>Forwards to the real publisher and records what the handlers asked for.</summary>
public sealed class RecordingRealtimePublisher : IRealtimePublisher
{
    private readonly ConcurrentQueue<string> _calls = new();
    private IRealtimePublisher? _inner;

    public IReadOnlyList<string> Calls => [.. _calls];

    public RecordingRealtimePublisher Wrapping(IRealtimePublisher inner)
    {
        _inner = inner;
        return this;
    }

    /// <summary>Waits until <paramref name="call"/> was made (a guard against a hung test, not a timing assertion).</summary>
    public async Task WaitForAsync(string call)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!_calls.Contains(call))
        {
            try
            {
                await Task.Delay(50, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"The real-time publisher was never asked: {call}. It was asked: {string.Join("; ", _calls)}");
            }
        }
    }

    public Task SendToUserAsync(string userId, RealtimeMessage message, CancellationToken cancellationToken) => _inner!.SendToUserAsync(userId, message, cancellationToken);

    public Task SendToGroupAsync(string group, RealtimeMessage message, CancellationToken cancellationToken) => _inner!.SendToGroupAsync(group, message, cancellationToken);

    public Task AddUserToGroupAsync(string userId, string group, CancellationToken cancellationToken) => _inner!.AddUserToGroupAsync(userId, group, cancellationToken);

    public Task RemoveUserFromGroupAsync(string userId, string group, CancellationToken cancellationToken)
    {
        _calls.Enqueue($"remove {userId} from {group}");
        return _inner!.RemoveUserFromGroupAsync(userId, group, cancellationToken);
    }

    public Task CloseUserConnectionsAsync(string userId, CancellationToken cancellationToken)
    {
        _calls.Enqueue($"close {userId}");
        return _inner!.CloseUserConnectionsAsync(userId, cancellationToken);
    }
}
