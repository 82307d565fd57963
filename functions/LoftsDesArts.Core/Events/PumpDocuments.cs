using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Events;

/// <summary>
/// One handler's position in one feed range of one container (in <see cref="Containers.Leases"/>, partitioned
/// by id). Written by ETag: the instance whose write lands owns the range until <see cref="LeaseUntil"/>.
/// </summary>
public sealed record PumpCursorDocument : Document
{
    public const string DocumentType = "pump-cursor";

    public override string Type => DocumentType;

    public required string Handler { get; init; }

    public required string Container { get; init; }

    public required string FeedRange { get; init; }

    /// <summary>The feed continuation after the last handled page; null: from the beginning.</summary>
    public string? Continuation { get; init; }

    /// <summary>The pump instance handling a page right now, if any.</summary>
    public string? Owner { get; init; }

    public DateTimeOffset? LeaseUntil { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary><c>cursor:{handler}:{container}:{range}</c>; a range that is not a plain token is hashed.</summary>
    public static string IdFor(string handler, string container, string feedRange) =>
        $"cursor:{handler}:{container}:{PumpIds.Token(feedRange)}";
}

/// <summary>
/// An event a handler kept failing on, set aside so the others go on (in <see cref="Containers.Leases"/>).
/// It holds where the event is and what went wrong, never the event's data: a retry reads the event again.
/// <see cref="BuildingId"/> lets that building's staff list and retry it.
/// </summary>
public sealed record DeadLetterDocument : Document
{
    public const string DocumentType = "dead-letter";

    public override string Type => DocumentType;

    public required string Handler { get; init; }

    public required string Container { get; init; }

    public required string PartitionKey { get; init; }

    public required string EventId { get; init; }

    public string? EventKind { get; init; }

    public string? BuildingId { get; init; }

    /// <summary>Attempts so far, across pump rounds and retries.</summary>
    public required int Attempts { get; init; }

    /// <summary>The exception's type name, for example <c>System.TimeoutException</c>.</summary>
    public required string ErrorType { get; init; }

    /// <summary>The exception's message, truncated, with email addresses and long numbers masked.</summary>
    public required string ErrorMessage { get; init; }

    public required DateTimeOffset FirstFailedAt { get; init; }

    public required DateTimeOffset LastFailedAt { get; init; }

    public static string IdFor(string handler, string eventId) => $"dead:{handler}:{eventId}";
}

/// <summary>When the pump last completed a drain, shared across instances (Azure); see <see cref="PumpOptions.SharedHeartbeat"/>.</summary>
public sealed record PumpHeartbeatDocument : Document
{
    public const string DocumentType = "pump-heartbeat";

    public const string DocumentId = "heartbeat:pump";

    public override string Type => DocumentType;

    public required DateTimeOffset LastDrainAt { get; init; }

    public required string Instance { get; init; }
}

internal static partial class PumpIds
{
    private const int MaxMessageLength = 500;

    /// <summary>A feed range as an id part: itself when it is a short plain token, else a hash of it.</summary>
    public static string Token(string value) =>
        PlainToken().IsMatch(value) ? value : "h" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)).AsSpan(0, 12));

    /// <summary>
    /// An exception message fit to keep: handlers should never put personal data in one, and this masks
    /// what slips through most often (email addresses, phone-like numbers) and bounds the length.
    /// </summary>
    public static string Scrub(string message)
    {
        var masked = Email().Replace(message, "[email]");
        masked = LongNumber().Replace(masked, "[number]");
        return masked.Length <= MaxMessageLength ? masked : masked[..MaxMessageLength] + "…";
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex PlainToken();

    [GeneratedRegex(@"[^\s@<>""'(),;:]+@[^\s@<>""'(),;:]+")]
    private static partial Regex Email();

    [GeneratedRegex(@"\+?\d[\d\s().-]{6,}\d")]
    private static partial Regex LongNumber();
}
