using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Storage;
using Microsoft.Extensions.Logging;

namespace LoftsDesArts.Infrastructure.Azure.Events;

/// <summary>
/// Azure's <see cref="IChangeSignal"/>: after a commit to a container that carries events, sends a small
/// message to the <c>pump-nudge</c> queue, whose queue-triggered function drains the change feed at once
/// instead of waiting for the 5 s timer.
/// <para>
/// Nudges are coalesced: the first commit sends at once, commits during the following
/// <see cref="PumpNudgeOptions.CoalesceInterval"/> send one more message at its end, so a burst of commits
/// sends two. The send runs in the background and never fails the request: a failure is logged and
/// counted, and the timer catches up.
/// </para>
/// </summary>
public sealed partial class QueueNudgeSignal : IChangeSignal
{
    private readonly QueueClient _queue;
    private readonly TimeSpan _interval;
    private readonly PumpMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly ILogger<QueueNudgeSignal> _logger;
    private readonly Lock _gate = new();
    private bool _running;
    private bool _pending;
    private string _lastContainer = "";
    private bool _queueEnsured;

    /// <param name="queue">A client with <see cref="QueueMessageEncoding.Base64"/>: the Functions queue trigger decodes base64.</param>
    /// <param name="coalesceInterval">At most one further message per interval after the first.</param>
    /// <param name="metrics">Counts nudges sent and failed.</param>
    /// <param name="clock">Times the interval.</param>
    /// <param name="logger">Logs failed nudges.</param>
    public QueueNudgeSignal(QueueClient queue, TimeSpan coalesceInterval, PumpMetrics metrics, TimeProvider clock, ILogger<QueueNudgeSignal> logger)
    {
        ArgumentNullException.ThrowIfNull(queue);
        _queue = queue;
        _interval = coalesceInterval;
        _metrics = metrics;
        _clock = clock;
        _logger = logger;
    }

    public void NotifyCommitted(ContainerSpec container)
    {
        ArgumentNullException.ThrowIfNull(container);
        if (!Containers.WithEvents.Any(c => c.Name == container.Name))
        {
            return; // The pump's own cursor and dead-letter writes, sessions' lookups...: nothing to drain.
        }

        lock (_gate)
        {
            _lastContainer = container.Name;
            if (_running)
            {
                _pending = true;
                return;
            }

            _running = true;
        }

        _ = Task.Run(SendLoopAsync);
    }

    /// <summary>Sends, waits out the interval, and sends once more if commits came meanwhile; then stops until the next commit.</summary>
    private async Task SendLoopAsync()
    {
        while (true)
        {
            string container;
            lock (_gate)
            {
                container = _lastContainer;
            }

            // The quiet interval starts with the send (its timer registered before it).
            var quiet = Task.Delay(_interval, _clock);
            await SendAsync(container).ConfigureAwait(false);
            await quiet.ConfigureAwait(false);
            lock (_gate)
            {
                if (!_pending)
                {
                    _running = false;
                    return;
                }

                _pending = false;
            }
        }
    }

    private async Task SendAsync(string container)
    {
        var message = JsonSerializer.Serialize(new Nudge(container, StoreJson.Instant(_clock.GetUtcNow())), NudgeJson.Default.Nudge);
        try
        {
            try
            {
                await _queue.SendMessageAsync(message).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 404 && !_queueEnsured)
            {
                // The infrastructure creates the queue; a fresh emulator does not.
                await _queue.CreateIfNotExistsAsync().ConfigureAwait(false);
                _queueEnsured = true;
                await _queue.SendMessageAsync(message).ConfigureAwait(false);
            }

            _metrics.Nudge(sent: true);
        }
#pragma warning disable CA1031 // Never fail the request for a nudge: the timer drains within seconds anyway.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _metrics.Nudge(sent: false);
            LogNudgeFailed(_logger, ex, _queue.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not nudge the pump through queue {Queue}; the timer will drain the feed")]
    private static partial void LogNudgeFailed(ILogger logger, Exception exception, string queue);
}

/// <summary>The nudge message: which container changed and when (no ids, no data).</summary>
public sealed record Nudge(string Container, string At);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(Nudge))]
internal sealed partial class NudgeJson : System.Text.Json.Serialization.JsonSerializerContext;
