using System.Security.Cryptography;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Registrations;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Packages;

public sealed record HouseholdPreferencesChange(
    string? Version,
    IReadOnlyList<(string Name, DateOnly? ExpiresOn)> Authorized,
    IReadOnlyList<string> NeverRelease,
    string? Instructions,
    VacationHold? VacationHold);

public sealed record PackagePreferencesView(Stored<PackagePreferencesDocument>? Household, PackagePreferencesDocument Preferences, PackageNoticeChoices Mine);

/// <summary>
/// A unit's package preferences (shared by its residents, edited by ETag), each resident's own email
/// choices, and the tracking numbers they expect. A hold or schedule change re-plans the unit's reminders.
/// </summary>
public sealed class PackagePreferencesService(IDocumentStore store, PackageSettingsService settings, TimeProvider clock)
{
    private const int MaxPeople = 20;
    private const int MaxExpected = 50;

    public async Task<PackagePreferencesView> ReadAsync(string buildingId, string unitId, string userId, CancellationToken cancellationToken)
    {
        var household = await store.ReadAsync<PackagePreferencesDocument>(Containers.Buildings, buildingId, PackagePreferencesDocument.IdFor(unitId), cancellationToken).ConfigureAwait(false);
        var mine = await ChoicesOfAsync(store, buildingId, unitId, userId, cancellationToken).ConfigureAwait(false);
        return new PackagePreferencesView(household, household?.Value ?? PackagePreferencesDocument.Empty(buildingId, unitId), mine);
    }

    public async Task<PackagePreferencesView> ChangeHouseholdAsync(string buildingId, string unitId, string userId, HouseholdPreferencesChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var errors = new Dictionary<string, LocalizedText>();
        if (change.Authorized.Count > MaxPeople)
        {
            errors["authorized"] = PackageTexts.TooManyPeople;
        }

        if (change.NeverRelease.Count > MaxPeople)
        {
            errors["neverRelease"] = PackageTexts.TooManyPeople;
        }

        if (change.Authorized.Any(p => string.IsNullOrWhiteSpace(p.Name) || p.Name.Trim().Length > 120))
        {
            errors["authorized"] = PackageTexts.NameRequired;
        }

        if (change.NeverRelease.Any(n => string.IsNullOrWhiteSpace(n) || n.Trim().Length > 120))
        {
            errors["neverRelease"] = PackageTexts.NameRequired;
        }

        if (change.Instructions?.Trim().Length > 500)
        {
            errors["instructions"] = PackageTexts.TooLong;
        }

        if (change.VacationHold is { } hold && (hold.To < hold.From || hold.To.DayNumber - hold.From.DayNumber > 366))
        {
            errors["vacationHold"] = PackageTexts.HoldDates;
        }

        if (errors.Count > 0)
        {
            throw DomainException.Invalid(errors);
        }

        var current = await store.ReadAsync<PackagePreferencesDocument>(Containers.Buildings, buildingId, PackagePreferencesDocument.IdFor(unitId), cancellationToken).ConfigureAwait(false);
        if (current?.ETag != change.Version)
        {
            throw DomainException.Stale();
        }

        var before = current?.Value ?? PackagePreferencesDocument.Empty(buildingId, unitId);
        var next = before with
        {
            Authorized = [.. change.Authorized.Select(p => new AuthorizedPerson(KeepId(before.Authorized.FirstOrDefault(a => a.Name == p.Name.Trim())?.Id, "a-"), p.Name.Trim(), p.ExpiresOn))],
            NeverRelease = [.. change.NeverRelease.Select(n => new BarredPerson(KeepId(before.NeverRelease.FirstOrDefault(b => b.Name == n.Trim())?.Id, "n-"), n.Trim()))],
            Instructions = string.IsNullOrWhiteSpace(change.Instructions) ? null : change.Instructions.Trim(),
            VacationHold = change.VacationHold,
            UpdatedAt = clock.GetUtcNow(),
            UpdatedBy = userId,
        };
        var now = clock.GetUtcNow();
        var operations = new List<BatchOperation>
        {
            current is null ? BatchOperation.Create(next.Id, next) : BatchOperation.Replace(next.Id, next, current.ETag),
        };
        if (before.VacationHold != next.VacationHold)
        {
            operations.AddRange(await ReplanAsync(buildingId, unitId, next.VacationHold, cancellationToken).ConfigureAwait(false));
        }

        operations.Add(BatchOperation.Create(
            EventDocument.IdFor(next.Id, PackageEvents.PreferencesChanged, now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            EventDocument.ForBuilding(buildingId, next.Id, PackageEvents.PreferencesChanged, now, new Dictionary<string, string> { ["unitId"] = unitId }, now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture))));
        try
        {
            await store.ExecuteBatchAsync(Containers.Buildings, buildingId, operations, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreException e) when (e.Failure is StoreFailure.PreconditionFailed or StoreFailure.Conflict or StoreFailure.NotFound)
        {
            throw DomainException.Stale();
        }

        return await ReadAsync(buildingId, unitId, userId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PackagePreferencesView> ChangeMineAsync(string buildingId, string unitId, string userId, PackageNoticeChoices choices, CancellationToken cancellationToken)
    {
        var document = new PackageNoticeChoicesDocument
        {
            Id = PackageNoticeChoicesDocument.IdFor(unitId, userId),
            BuildingId = buildingId,
            UnitId = unitId,
            UserId = userId,
            Choices = choices,
        };
        await store.UpsertAsync(Containers.Buildings, buildingId, document.Id, document, null, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(buildingId, unitId, userId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A resident's email choices. Until they choose, occupants get every package email and an owner gets
    /// none (an owner who does not live in the unit should not hear of its parcels by default).
    /// </summary>
    public static async Task<PackageNoticeChoices> ChoicesOfAsync(IDocumentStore store, string buildingId, string unitId, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var chosen = await store.ReadAsync<PackageNoticeChoicesDocument>(Containers.Buildings, buildingId, PackageNoticeChoicesDocument.IdFor(unitId, userId), cancellationToken).ConfigureAwait(false);
        if (chosen is not null)
        {
            return chosen.Value.Choices;
        }

        var resident = await store.ReadAsync<ResidentDocument>(Containers.Buildings, buildingId, ResidentDocument.IdFor(unitId, userId), cancellationToken).ConfigureAwait(false);
        return DefaultFor(resident?.Value.Relationship);
    }

    public static PackageNoticeChoices DefaultFor(Relationship? relationship) =>
        relationship is Relationship.Tenant or Relationship.Occupant ? PackageNoticeChoices.All : PackageNoticeChoices.None;

    public async Task<IReadOnlyList<ExpectedPackageDocument>> ListExpectedAsync(string buildingId, string unitId, CancellationToken cancellationToken) =>
        await store.QueryAllAsync<ExpectedPackageDocument>(PackageQueries.ExpectedOfUnit, buildingId, new QueryArgs { [PackageQueries.UnitId] = unitId }, cancellationToken).ConfigureAwait(false);

    public async Task<ExpectedPackageDocument> AddExpectedAsync(string buildingId, string unitId, string userId, string? trackingInput, string? descriptionInput, CancellationToken cancellationToken)
    {
        var tracking = TrackingNumbers.Validate(trackingInput);
        var description = PackageDesk.Optional(descriptionInput, 120, "description");
        var existing = await ListExpectedAsync(buildingId, unitId, cancellationToken).ConfigureAwait(false);
        if (existing.FirstOrDefault(e => e.TrackingNumber == tracking) is { } same)
        {
            return same;
        }

        if (existing.Count >= MaxExpected)
        {
            throw DomainException.Invalid("trackingNumber", PackageTexts.TooManyExpected);
        }

        var expectedId = "e-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var document = new ExpectedPackageDocument
        {
            Id = ExpectedPackageDocument.IdFor(expectedId),
            BuildingId = buildingId,
            ExpectedId = expectedId,
            UnitId = unitId,
            UserId = userId,
            TrackingNumber = tracking,
            Carrier = TrackingNumbers.DetectCarrier(tracking),
            Description = description,
            CreatedAt = clock.GetUtcNow(),
        };
        await store.CreateAsync(Containers.Buildings, buildingId, document.Id, document, cancellationToken).ConfigureAwait(false);
        return document;
    }

    public async Task RemoveExpectedAsync(string buildingId, string unitId, string expectedId, CancellationToken cancellationToken)
    {
        var current = await store.ReadAsync<ExpectedPackageDocument>(Containers.Buildings, buildingId, ExpectedPackageDocument.IdFor(expectedId), cancellationToken).ConfigureAwait(false);
        if (current is null || current.Value.UnitId != unitId)
        {
            throw DomainException.NotFound("expected-package-not-found", PackageTexts.ExpectedNotFound);
        }

        await store.DeleteAsync(Containers.Buildings, buildingId, current.Value.Id, current.ETag, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The unit's waiting packages with their reminders re-planned for the new hold.</summary>
    private async Task<IEnumerable<BatchOperation>> ReplanAsync(string buildingId, string unitId, VacationHold? hold, CancellationToken cancellationToken)
    {
        var building = await settings.ReadAsync(buildingId, cancellationToken).ConfigureAwait(false);
        var waiting = await store.QueryAllStoredAsync<PackageDocument>(PackageQueries.OpenOfUnit, buildingId, new QueryArgs { [PackageQueries.UnitId] = unitId, [PackageQueries.State] = PackageQueries.Wire(PackageState.Waiting) }, cancellationToken).ConfigureAwait(false);
        return waiting.Take(IDocumentStore.MaxBatchOperations - 2).Select(p =>
        {
            var next = p.Value with { NextActionAt = PackageReminders.Plan(p.Value, building, hold, asOf: null)?.DueAt };
            return BatchOperation.Replace(next.Id, next, p.ETag);
        });
    }

    private static string KeepId(string? id, string prefix) => id ?? prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
}
