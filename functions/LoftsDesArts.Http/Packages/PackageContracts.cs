using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Packages;
using LoftsDesArts.Http.Pipeline;

namespace LoftsDesArts.Http.Packages;

/// <summary>One step of a package's chain of custody as screens show it (see docs/packages.md).</summary>
public sealed record TimelineEntryResponse(DateTimeOffset At, string Kind, string? ActorName, string? Detail, string? Channel, string? Outcome, string? RecipientName);

/// <summary>
/// A package. Residents get the same shape with the desk's own fields (note, who logged it, how identity
/// was checked, the undo deadline) left null.
/// </summary>
public sealed record PackageResponse(
    string Id,
    string ShortId,
    string Version,
    PackageState State,
    string? UnitId,
    string? UnitNumber,
    string? RecipientUserId,
    string? RecipientName,
    string TrackingNumber,
    Carrier Carrier,
    PackageSize Size,
    IReadOnlyList<PackageFlag> Flags,
    bool Damaged,
    string? Location,
    string? Note,
    bool HasPhoto,
    DateTimeOffset ArrivedAt,
    string? LoggedByName,
    int AgeDays,
    bool Overdue,
    DateTimeOffset? ReleasedAt,
    string? ReleasedToName,
    ReleasedToKind? ReleasedToKind,
    IdentityCheck? IdentityCheck,
    DateTimeOffset? ReleaseUndoableUntil,
    IReadOnlyList<TimelineEntryResponse>? Timeline);

public sealed record DeskCountsResponse(int Waiting, int Overdue, int UnknownRecipient, int ReleasedToday);

public sealed record DeskPackageListResponse(IReadOnlyList<PackageResponse> Items, string? Continuation, DeskCountsResponse Counts);

public sealed record PickupPlaceResponse(string Location, string DeskHours);

public sealed record UnitPackageListResponse(IReadOnlyList<PackageResponse> Items, string? Continuation, PickupPlaceResponse Pickup);

public sealed record LogPackageRequest(
    string? ClientRequestId,
    string? UnitId,
    string? RecipientUserId,
    string? RecipientName,
    string? TrackingNumber,
    string? Carrier,
    string? Size,
    IReadOnlyList<string>? Flags,
    string? Location,
    string? Note,
    bool ConfirmDuplicate) : IValidatable
{
    public void Validate(FieldErrors errors)
    {
        errors.Text("clientRequestId", ClientRequestId, 64);
        errors.Text("unitId", UnitId, 16, required: false);
        errors.Text("recipientUserId", RecipientUserId, 64, required: false);
        errors.Text("recipientName", RecipientName, 120, required: false);
        errors.Text("trackingNumber", TrackingNumber, 60);
        errors.OneOf("carrier", Carrier, WireEnum<Carrier>.Names, required: false);
        errors.OneOf("size", Size, WireEnum<PackageSize>.Names);
        PackageRequestChecks.Flags(errors, Flags);
        errors.Text("location", Location, 30, required: false);
        errors.Text("note", Note, 500, required: false);
    }
}

public sealed record EditPackageRequest(string? Version, string? Carrier, string? Size, IReadOnlyList<string>? Flags, string? Location, string? Note) : IValidatable
{
    public void Validate(FieldErrors errors)
    {
        errors.Text("version", Version, 128);
        errors.OneOf("carrier", Carrier, WireEnum<Carrier>.Names);
        errors.OneOf("size", Size, WireEnum<PackageSize>.Names);
        PackageRequestChecks.Flags(errors, Flags);
        errors.Text("location", Location, 30, required: false);
        errors.Text("note", Note, 500, required: false);
    }
}

public sealed record AssignRecipientRequest(string? UnitId, string? RecipientUserId) : IValidatable
{
    public void Validate(FieldErrors errors)
    {
        errors.Text("unitId", UnitId, 16);
        errors.Text("recipientUserId", RecipientUserId, 64, required: false);
    }
}

public sealed record ReleasedToRequest(string? Kind, string? UserId, string? Name);

public sealed record ReleaseRequest(string? UnitId, IReadOnlyList<string>? PackageIds, ReleasedToRequest? ReleasedTo, string? IdentityCheck, string? PickupCode) : IValidatable
{
    public void Validate(FieldErrors errors)
    {
        errors.Text("unitId", UnitId, 16);
        if (PackageIds is null || PackageIds.Count == 0)
        {
            errors.Add("packageIds", Texts.Fields.Required);
        }
        else if (PackageIds.Count > PackageDesk.MaxReleaseBatch || PackageIds.Any(id => string.IsNullOrWhiteSpace(id) || id.Length > 64))
        {
            errors.Add("packageIds", Texts.Fields.InvalidChoice);
        }

        if (ReleasedTo is null)
        {
            errors.Add("releasedTo", Texts.Fields.Required);
        }
        else
        {
            errors.OneOf("releasedTo.kind", ReleasedTo.Kind, WireEnum<ReleasedToKind>.Names);
            errors.Text("releasedTo.name", ReleasedTo.Name, 120);
            errors.Text("releasedTo.userId", ReleasedTo.UserId, 64, required: ReleasedTo.Kind == "resident");
        }

        errors.OneOf("identityCheck", IdentityCheck, WireEnum<IdentityCheck>.Names);
        errors.Text("pickupCode", PickupCode, 16, required: IdentityCheck == "pickup-code");
    }
}

public sealed record ReleaseResponse(string ReleaseId, IReadOnlyList<PackageResponse> Packages);

public sealed record UndoReleaseRequest(string? Reason) : IValidatable
{
    public void Validate(FieldErrors errors) => errors.Text("reason", Reason, 500);
}

public sealed record PackageExceptionRequest(string? Kind, string? Note) : IValidatable
{
    public void Validate(FieldErrors errors)
    {
        errors.OneOf("kind", Kind, WireEnum<PackageExceptionKind>.Names);
        errors.Text("note", Note, 500);
    }
}

public sealed record PickupLookupRequest(string? Code, string? UnitId) : IValidatable
{
    public void Validate(FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(Code) && string.IsNullOrWhiteSpace(UnitId))
        {
            errors.Add("code", PackageTexts.PickupLookupRequired);
        }

        errors.Text("code", Code, 16, required: false);
        errors.Text("unitId", UnitId, 16, required: false);
    }
}

public sealed record PersonResponse(string UserId, string Name);

public sealed record AuthorizedPersonResponse(string Id, string Name, DateOnly? ExpiresOn);

public sealed record BarredPersonResponse(string Id, string Name);

public sealed record VacationHoldResponse(DateOnly From, DateOnly To);

public sealed record PickupViewResponse(
    string UnitId,
    string UnitNumber,
    PersonResponse? Person,
    IReadOnlyList<PersonResponse> Members,
    IReadOnlyList<PackageResponse> Waiting,
    string? Instructions,
    IReadOnlyList<AuthorizedPersonResponse> Authorized,
    IReadOnlyList<BarredPersonResponse> NeverRelease,
    VacationHoldResponse? VacationHold);

public sealed record LocalizedTextContract(string? Fr, string? En);

public sealed record SendingHoursContract(string? From, string? To);

/// <summary>A text of the settings in both languages, as the server always sends it (a request's may lack one).</summary>
public sealed record LocalizedTextResponse(string Fr, string En);

/// <summary>Sending hours as the server always sends them, <c>HH:mm</c> in the building's time zone.</summary>
public sealed record SendingHoursResponse(string From, string To);

public sealed record PackageSettingsResponse(
    string? Version,
    LocalizedTextResponse DeskHours,
    LocalizedTextResponse PickupLocation,
    IReadOnlyList<int> ReminderDays,
    int FinalNoticeDay,
    int ReturnDay,
    int OverdueAfterDays,
    SendingHoursResponse SendingHours,
    int PhotoRetentionDays);

public sealed record PackageSettingsRequest(
    string? Version,
    LocalizedTextContract? DeskHours,
    LocalizedTextContract? PickupLocation,
    IReadOnlyList<int>? ReminderDays,
    int? FinalNoticeDay,
    int? ReturnDay,
    int? OverdueAfterDays,
    SendingHoursContract? SendingHours,
    int? PhotoRetentionDays) : IValidatable
{
    public void Validate(FieldErrors errors)
    {
        errors.Text("version", Version, 128, required: false);
        if (DeskHours is null)
        {
            errors.Add("deskHours", Texts.Fields.Required);
        }

        if (PickupLocation is null)
        {
            errors.Add("pickupLocation", Texts.Fields.Required);
        }

        if (ReminderDays is null)
        {
            errors.Add("reminderDays", Texts.Fields.Required);
        }

        errors.Range("finalNoticeDay", FinalNoticeDay, 1, 90);
        errors.Range("returnDay", ReturnDay, 2, 90);
        errors.Range("overdueAfterDays", OverdueAfterDays, 1, 90);
        errors.Range("photoRetentionDays", PhotoRetentionDays, 1, 365);
        if (!TimeOnly.TryParseExact(SendingHours?.From, "HH:mm", out _) || !TimeOnly.TryParseExact(SendingHours?.To, "HH:mm", out _))
        {
            errors.Add("sendingHours", PackageTexts.SendingHoursOrder);
        }
    }
}

public sealed record PickupCodeResponse(string Code, string Display, DateTimeOffset IssuedAt);

public sealed record AuthorizedPersonRequest(string? Name, DateOnly? ExpiresOn);

public sealed record NamedPersonRequest(string? Name);

public sealed record VacationHoldRequest(DateOnly? From, DateOnly? To);

public sealed record NoticeChoicesContract(bool Arrival, bool Reminder, bool Release);

public sealed record PackagePreferencesResponse(
    string? Version,
    IReadOnlyList<AuthorizedPersonResponse> Authorized,
    IReadOnlyList<BarredPersonResponse> NeverRelease,
    string? Instructions,
    VacationHoldResponse? VacationHold,
    NoticeChoicesContract Notices);

public sealed record PackagePreferencesRequest(
    string? Version,
    IReadOnlyList<AuthorizedPersonRequest>? Authorized,
    IReadOnlyList<NamedPersonRequest>? NeverRelease,
    string? Instructions,
    VacationHoldRequest? VacationHold) : IValidatable
{
    public void Validate(FieldErrors errors)
    {
        errors.Text("version", Version, 128, required: false);
        errors.Text("instructions", Instructions, 500, required: false);
        if (Authorized?.Any(a => string.IsNullOrWhiteSpace(a?.Name)) == true)
        {
            errors.Add("authorized", PackageTexts.NameRequired);
        }

        if (NeverRelease?.Any(a => string.IsNullOrWhiteSpace(a?.Name)) == true)
        {
            errors.Add("neverRelease", PackageTexts.NameRequired);
        }

        if (VacationHold is not null && (VacationHold.From is null || VacationHold.To is null))
        {
            errors.Add("vacationHold", PackageTexts.HoldDates);
        }
    }
}

public sealed record ExpectedPackageResponse(string Id, string TrackingNumber, Carrier Carrier, string? Description, DateTimeOffset CreatedAt);

public sealed record ExpectedPackageRequest(string? TrackingNumber, string? Description) : IValidatable
{
    public void Validate(FieldErrors errors)
    {
        errors.Text("trackingNumber", TrackingNumber, 60);
        errors.Text("description", Description, 120, required: false);
    }
}

internal static class PackageRequestChecks
{
    public static void Flags(FieldErrors errors, IReadOnlyList<string>? flags)
    {
        if (flags?.Any(f => !WireEnum<PackageFlag>.Names.Contains(f)) == true)
        {
            errors.Add("flags", Texts.Fields.InvalidChoice);
        }
    }
}
