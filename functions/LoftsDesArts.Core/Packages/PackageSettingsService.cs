using LoftsDesArts.Core.Buildings;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Packages;

/// <summary>A building's package settings with its time zone: what dates and reminder times are computed in.</summary>
public sealed record BuildingPackageSettings(PackageSettingsDocument Settings, string? Version, TimeZoneInfo TimeZone)
{
    /// <summary>The reminder schedule these settings describe.</summary>
    public ReminderPlanner Planner { get; } = new(Settings.ReminderSettings(TimeZone.Id));

    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    /// <summary>Whole days a package has waited, counted in building days (day 0 is the arrival's day).</summary>
    public int AgeDays(DateTimeOffset arrivedAt, DateTimeOffset now) => LocalDate(now).DayNumber - LocalDate(arrivedAt).DayNumber;
}

public sealed record PackageSettingsChange(
    string? Version,
    LocalizedText DeskHours,
    LocalizedText PickupLocation,
    IReadOnlyList<int> ReminderDays,
    int FinalNoticeDay,
    int ReturnDay,
    int OverdueAfterDays,
    TimeOnly SendingFrom,
    TimeOnly SendingTo,
    int PhotoRetentionDays);

/// <summary>Reads (with defaults until management saves them) and changes a building's package settings.</summary>
public sealed class PackageSettingsService(IDocumentStore store, BuildingService buildings, Audit.AuditLog audit)
{
    public async Task<BuildingPackageSettings> ReadAsync(string buildingId, CancellationToken cancellationToken)
    {
        var building = await buildings.RequireAsync(buildingId, cancellationToken).ConfigureAwait(false);
        var stored = await store.ReadAsync<PackageSettingsDocument>(Containers.Buildings, buildingId, PackageSettingsDocument.DocumentId, cancellationToken).ConfigureAwait(false);
        return new BuildingPackageSettings(stored?.Value ?? PackageSettingsDocument.Defaults(buildingId), stored?.ETag, TimeZoneInfo.FindSystemTimeZoneById(building.TimeZone));
    }

    public async Task<BuildingPackageSettings> ChangeAsync(string buildingId, PackageSettingsChange change, string actorUserId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        Validate(change);
        var current = await ReadAsync(buildingId, cancellationToken).ConfigureAwait(false);
        if (current.Version != change.Version)
        {
            throw DomainException.Stale();
        }

        var next = current.Settings with
        {
            DeskHours = change.DeskHours,
            PickupLocation = change.PickupLocation,
            ReminderDays = [.. change.ReminderDays],
            FinalNoticeDay = change.FinalNoticeDay,
            ReturnDay = change.ReturnDay,
            OverdueAfterDays = change.OverdueAfterDays,
            SendingFrom = change.SendingFrom,
            SendingTo = change.SendingTo,
            PhotoRetentionDays = change.PhotoRetentionDays,
        };
        Stored<PackageSettingsDocument> stored;
        try
        {
            stored = await store.UpsertAsync(Containers.Buildings, buildingId, next.Id, next, current.Version, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreException e) when (e.Failure is StoreFailure.PreconditionFailed or StoreFailure.Conflict)
        {
            throw DomainException.Stale();
        }

        await audit.WriteAsync(buildingId, actorUserId, "package-settings.changed", "building", buildingId, null, cancellationToken).ConfigureAwait(false);
        return current with { Settings = stored.Value, Version = stored.ETag };
    }

    private static void Validate(PackageSettingsChange change)
    {
        var errors = new Dictionary<string, LocalizedText>();
        CheckText(errors, "deskHours", change.DeskHours);
        CheckText(errors, "pickupLocation", change.PickupLocation);
        var schedule = new PackageReminderSettings
        {
            ReminderDays = change.ReminderDays,
            FinalNoticeDay = change.FinalNoticeDay,
            ReturnDay = change.ReturnDay,
            SendingHours = new SendingHours(change.SendingFrom, change.SendingTo),
        };
        foreach (var (field, message) in schedule.Validate())
        {
            errors[field] = message;
        }

        if (change.ReminderDays.Count > 5)
        {
            errors["reminderDays"] = PackageTexts.OutOfRange;
        }

        if (change.OverdueAfterDays is < 1 or > 90)
        {
            errors["overdueAfterDays"] = PackageTexts.OutOfRange;
        }

        if (change.PhotoRetentionDays is < 1 or > 365)
        {
            errors["photoRetentionDays"] = PackageTexts.OutOfRange;
        }

        if (errors.Count > 0)
        {
            throw DomainException.Invalid(errors);
        }
    }

    private static void CheckText(Dictionary<string, LocalizedText> errors, string field, LocalizedText? text)
    {
        if (text is null || string.IsNullOrWhiteSpace(text.Fr) || string.IsNullOrWhiteSpace(text.En))
        {
            errors[field] = PackageTexts.BothLanguages;
        }
        else if (text.Fr.Length > 200 || text.En.Length > 200)
        {
            errors[field] = PackageTexts.TooLong;
        }
    }
}
