using System.Text.Json;
using System.Text.Json.Serialization;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Notices;

/// <summary>Where a notice is in its life: pending → sending → sent | failed (DESIGN §3.5).</summary>
public enum NoticeState
{
    /// <summary>Waiting to be sent, at <see cref="NoticeDocument.NextAttemptAt"/> or after.</summary>
    Pending,

    /// <summary>Claimed by a dispatcher until <see cref="NoticeDocument.NextAttemptAt"/> (the lease).</summary>
    Sending,

    /// <summary>The provider accepted it. Terminal.</summary>
    Sent,

    /// <summary>Rejected by the provider, or gave up after repeated failures; staff can see and retry it.</summary>
    Failed,
}

/// <summary>
/// One email that one event causes for one recipient, sent once by protocol. Its id is
/// <c>{eventId}:{recipient}:{kind}</c> and it lives in the same container and partition as the
/// event, so a replayed event finds it instead of sending again. The state moves only by ETag
/// compare-and-swap. The provider call carries an id derived from <see cref="Document.Id"/>.
/// </summary>
public sealed record NoticeDocument : Document
{
    public const string DocumentType = "notice";

    public override string Type => DocumentType;

    /// <summary>Set for notices in <see cref="Containers.Buildings"/>, like the event's.</summary>
    public string? BuildingId { get; init; }

    /// <summary>Set for notices in <see cref="Containers.Users"/>, like the event's.</summary>
    public string? UserId { get; init; }

    public required string EventId { get; init; }

    /// <summary>An opaque key for the recipient (a user id, or a hash of an address): never the address itself.</summary>
    public required string Recipient { get; init; }

    /// <summary>The email kind (<see cref="Email.EmailModel.Kind"/>).</summary>
    public required string Kind { get; init; }

    public required NoticeState State { get; init; }

    /// <summary>How many times a dispatcher claimed it to send.</summary>
    public int Attempts { get; init; }

    /// <summary>
    /// A diagnostic code for staff (<c>smtp:451</c>, <c>acs:400:InvalidRecipient</c>, <c>error:IOException</c>):
    /// never a provider's or an exception's text, which may contain the address.
    /// </summary>
    public string? LastError { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// Pending: when it may be sent (creation time, or later after a deferral: the provider's
    /// Retry-After). Sending: when the claim lapses. Stored fixed-width, so the due query's range
    /// compare is time order. Null once sent or failed.
    /// </summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    /// <summary>What a retry needs to send it again; erased once sent, kept while failed so staff can retry.</summary>
    public NoticePayload? Payload { get; init; }

    [JsonIgnore]
    public string PartitionKey => BuildingId ?? UserId ?? throw new InvalidOperationException($"Notice {Id} has no partition key.");

    public static string IdFor(string eventId, string recipient, string kind) => $"{eventId}:{recipient}:{kind}";
}

/// <summary>The address, language and model of a notice (the model serialized with <see cref="StoreJson.Options"/>).</summary>
public sealed record NoticePayload(string Address, string? DisplayName, Language Language, JsonElement Model);
