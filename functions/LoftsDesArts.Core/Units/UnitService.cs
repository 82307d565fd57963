using System.Globalization;
using LoftsDesArts.Core.Audit;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Registrations;
using LoftsDesArts.Core.Security;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Units;

/// <summary>The outcome of an import: units written, or the rows to fix (and nothing written).</summary>
public sealed record UnitImportResult(int Imported, IReadOnlyList<UnitRowError> Errors);

/// <summary>A unit of the roster with how many residents it has.</summary>
public sealed record RosterUnit(UnitDocument Unit, int ResidentCount);

/// <summary>The unit roster: listing and importing from CSV, all rows or none (issue 2, A8).</summary>
public sealed class UnitService(IDocumentStore store, ImportJobRunner imports, AuditLog audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<RosterUnit>> RosterAsync(string buildingId, CancellationToken cancellationToken)
    {
        var units = await store.QueryAllAsync<UnitDocument>(UnitQueries.Roster, buildingId, new QueryArgs(), cancellationToken).ConfigureAwait(false);
        var residents = await store.QueryAllAsync<ResidentDocument>(RegistrationQueries.Residents, buildingId, new QueryArgs(), cancellationToken).ConfigureAwait(false);
        var counts = residents.GroupBy(r => r.UnitId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return [.. units.Select(u => new RosterUnit(u, counts.GetValueOrDefault(u.UnitId)))];
    }

    public async Task<UnitImportResult> ImportAsync(string buildingId, string csv, string actorUserId, CancellationToken cancellationToken)
    {
        var (rows, errors) = UnitCsv.Parse(csv);
        if (errors.Count > 0)
        {
            return new UnitImportResult(0, errors);
        }

        // Units already on the roster are reported by row rather than failing the whole job on a conflict.
        var existing = (await store.QueryAllAsync<UnitDocument>(UnitQueries.Roster, buildingId, new QueryArgs(), cancellationToken).ConfigureAwait(false))
            .Select(u => u.UnitId)
            .ToHashSet(StringComparer.Ordinal);
        var duplicates = rows.Where(r => existing.Contains(r.Number)).Select(r => new UnitRowError(r.Row, "number", UnitTexts.AlreadyExists)).ToList();
        if (duplicates.Count > 0)
        {
            return new UnitImportResult(0, duplicates);
        }

        var units = rows.Select(r => UnitDocument.From(buildingId, r)).ToList();
        var jobId = "import:" + RandomTokens.Id(string.Empty)[..16];
        try
        {
            await imports.RunAsync(Containers.Buildings, buildingId, jobId, "units", units, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreException ex) when (ex.Failure == StoreFailure.Conflict && ex.OperationIndex is { } index)
        {
            // A unit created between the check and the import: the whole import was undone.
            return new UnitImportResult(0, [new UnitRowError(rows[index].Row, "number", UnitTexts.AlreadyExists)]);
        }

        await audit.WriteAsync(buildingId, actorUserId, "units.imported", "units", jobId, new Dictionary<string, string> { ["count"] = units.Count.ToString(CultureInfo.InvariantCulture), ["at"] = StoreJson.Instant(clock.GetUtcNow()) }, cancellationToken).ConfigureAwait(false);
        return new UnitImportResult(units.Count, []);
    }

    public async Task<UnitDocument> RequireAsync(string buildingId, string unitId, CancellationToken cancellationToken)
    {
        var unit = await store.ReadAsync<UnitDocument>(Containers.Buildings, buildingId, UnitDocument.IdFor(UnitDocument.NormalizeNumber(unitId)), cancellationToken).ConfigureAwait(false);
        return unit is null || unit.Value.Staged is not null
            ? throw DomainException.NotFound("unit-not-found", UnitTexts.UnitNotFound)
            : unit.Value;
    }
}
