using System.Threading.Channels;
using LoftsDesArts.Core.Realtime;
using Microsoft.AspNetCore.SignalR.Client;

namespace LoftsDesArts.Api.Tests.Support;

/// <summary>
/// A SignalR client of the portal's hub, as the web app is: it collects what arrives on <c>push</c>, in order,
/// and knows when the connection closed. Shared by the realtime and the package tests.
/// </summary>
internal sealed class HubPushClient : IAsyncDisposable
{
    /// <summary>A guard against a hung test, not a timing assertion.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(15);

    private readonly Channel<RealtimeMessage> _received = Channel.CreateUnbounded<RealtimeMessage>();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HubPushClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<PushDto>(RealtimeProtocol.PushMethod, push => _received.Writer.TryWrite(new RealtimeMessage(push.Kind, push.Ids)));
        connection.Closed += _ =>
        {
            _closed.TrySetResult();
            return Task.CompletedTask;
        };
    }

    public HubConnection Connection { get; }

    public Task Closed => _closed.Task;

    public static async Task<HubPushClient> StartAsync(HubConnection connection)
    {
        var client = new HubPushClient(connection);
        try
        {
            await connection.StartAsync().WaitAsync(Guard);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    public async Task<RealtimeMessage> NextAsync() => await _received.Reader.ReadAsync().AsTask().WaitAsync(Guard);

    /// <summary>Whether a push arrives within <paramref name="wait"/> (consumed); a re-probe interval, not an assertion.</summary>
    public async Task<bool> ReceivedWithinAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        window.CancelAfter(wait);
        try
        {
            await _received.Reader.ReadAsync(window.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// Waits until the hub has joined this client to <paramref name="group"/>. The hub joins a connection to its
    /// groups in <c>OnConnectedAsync</c>, which runs after the handshake that ends <c>StartAsync</c>, so a push
    /// sent to the group at once could come before the join. Probes go to the group until one arrives; then a
    /// marker to the user (delivered after every probe sent before it) drains any probe still on its way.
    /// </summary>
    public async Task WaitUntilInGroupAsync(IRealtimePublisher publisher, string userId, string group)
    {
        using var guard = new CancellationTokenSource(Guard);
        do
        {
            await publisher.SendToGroupAsync(group, new RealtimeMessage("test.probe", new Dictionary<string, string>()), guard.Token);
        }
        while (!await ReceivedWithinAsync(TimeSpan.FromMilliseconds(100), guard.Token));

        var n = Guid.NewGuid().ToString("N");
        await publisher.SendToUserAsync(userId, new RealtimeMessage("test.marker", new Dictionary<string, string> { ["n"] = n }), guard.Token);
        while (!((await NextAsync()) is { Kind: "test.marker" } m && m.Ids.TryGetValue("n", out var got) && got == n))
        {
        }
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    private sealed record PushDto(string Kind, Dictionary<string, string> Ids);
}
