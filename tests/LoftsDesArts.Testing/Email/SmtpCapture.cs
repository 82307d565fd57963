using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace LoftsDesArts.Testing.Email;

/// <summary>A message the capture server accepted, with its SMTP envelope.</summary>
public sealed record CapturedMail(MimeMessage Message, string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo);

/// <summary>
/// An in-process SMTP server (the SmtpServer package) on a free loopback port that keeps every message
/// it accepts. Tests point the portal's SMTP settings at <see cref="Host"/>:<see cref="Port"/> (security
/// None), then wait for mail with <see cref="WaitForMessageAsync"/>. <see cref="ReplyNext"/> makes the
/// next DATA answer with another reply (451 to defer, 550 to reject). Dispose to stop it.
/// </summary>
public sealed class SmtpCapture : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<CapturedMail> _mail = new();
    private readonly ConcurrentQueue<SmtpResponse> _replies = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private SmtpServer.SmtpServer? _server;
    private Task? _running;

    private SmtpCapture()
    {
    }

    public string Host { get; } = IPAddress.Loopback.ToString();

    public int Port { get; private set; }

    public IReadOnlyList<CapturedMail> Mail => [.. _mail];

    public IReadOnlyList<MimeMessage> Messages => _mail.Select(m => m.Message).ToList();

    public static async Task<SmtpCapture> StartAsync()
    {
        var capture = new SmtpCapture();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await capture.ListenAsync(FreePort()).ConfigureAwait(false);
                return capture;
            }
            catch (SocketException) when (attempt < 5)
            {
                // Another process took the port between probing and binding: try another.
            }
        }
    }

    /// <summary>The next message gets this reply instead of 250 (and is not kept).</summary>
    public void ReplyNext(int code, string text) => _replies.Enqueue(new SmtpResponse((SmtpReplyCode)code, text));

    /// <summary>Waits until a message matching <paramref name="match"/> (any, by default) has arrived.</summary>
    public async Task<MimeMessage> WaitForMessageAsync(Func<MimeMessage, bool>? match = null, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var found = _mail.Select(m => m.Message).FirstOrDefault(m => match is null || match(m));
            if (found is not null)
            {
                return found;
            }

            try
            {
                await _arrived.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No matching message arrived at the SMTP capture on port {Port} ({_mail.Count} other(s) did).");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_server is not null)
        {
            _server.Shutdown();
            await Task.WhenAny(_server.ShutdownTask, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        }

        if (_running is not null)
        {
            await Task.WhenAny(_running, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        }

        _stop.Dispose();
        _arrived.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ListenAsync(int port)
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        var server = new SmtpServer.SmtpServer(options, services);
        var running = server.StartAsync(_stop.Token);

        // Ready when a client can connect; a bind failure faults the server task instead.
        using var ready = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            if (running.IsFaulted)
            {
                await running.ConfigureAwait(false);
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, ready.Token).ConfigureAwait(false);
                break;
            }
            catch (SocketException) when (!ready.IsCancellationRequested)
            {
                await Task.Delay(20, ready.Token).ConfigureAwait(false);
            }
        }

        _server = server;
        _running = running;
        Port = port;
    }

    private sealed class Store(SmtpCapture owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (owner._replies.TryDequeue(out var reply))
            {
                return reply;
            }

            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken).ConfigureAwait(false);
            owner._mail.Enqueue(new CapturedMail(
                message,
                $"{transaction.From.User}@{transaction.From.Host}",
                transaction.To.Select(t => $"{t.User}@{t.Host}").ToList()));
            owner._arrived.Release();
            return SmtpResponse.Ok;
        }
    }
}
