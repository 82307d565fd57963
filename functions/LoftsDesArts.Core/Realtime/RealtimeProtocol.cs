namespace LoftsDesArts.Core.Realtime;

/// <summary>What browsers see of a push, the same in both runtimes.</summary>
public static class RealtimeProtocol
{
    /// <summary>
    /// The one client method every push invokes, with a single argument <c>{ kind, ids }</c>
    /// (<see cref="RealtimeMessage"/> in camelCase). Clients register <c>connection.on("push", ...)</c>.
    /// </summary>
    public const string PushMethod = "push";

    /// <summary>Longest life of a connection token handed out by negotiate (DESIGN §4: at most 5 minutes).</summary>
    public static readonly TimeSpan MaxTokenLifetime = TimeSpan.FromMinutes(5);
}

/// <summary>The real-time backend could not be reached (negotiate answers 503; publishers' callers retry).</summary>
public sealed class RealtimeUnavailableException : Exception
{
    public RealtimeUnavailableException()
    {
    }

    public RealtimeUnavailableException(string message)
        : base(message)
    {
    }

    public RealtimeUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>How long the backend asked us to wait, when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
