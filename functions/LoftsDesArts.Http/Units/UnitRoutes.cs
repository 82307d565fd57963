using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Units;
using LoftsDesArts.Http.Pipeline;
using Microsoft.AspNetCore.Http;

namespace LoftsDesArts.Http.Units;

public sealed record UnitResponse(string Id, string Number, int Floor, UnitType Type, int? AreaSqFt, int? Bedrooms, int ResidentCount);

public sealed record ImportUnitsRequest(string? Csv) : IValidatable
{
    public void Validate(FieldErrors errors) => errors.Text("csv", Csv, UnitRoutes.MaxCsvBytes);
}

public sealed record ImportUnitsResponse(int Imported);

public sealed record ImportRowError(int Row, string Field, string Message);

/// <summary>The unit roster (issue 2, A8).</summary>
public static class UnitRoutes
{
    public const int MaxCsvBytes = 256 * 1024;

    public static readonly ApiRoute List = ApiRoute
        .Get("ListUnits", "buildings/{buildingId}/units", ListAsync)
        .RequireCapability(Capability.ViewRoster).Returns<IReadOnlyList<UnitResponse>>()
        .Describe("The building's units in floor order, with their number of residents.");

    public static readonly ApiRoute Import = ApiRoute
        .Post<ImportUnitsRequest>("ImportUnits", "buildings/{buildingId}/units/import", ImportAsync)
        .RequireCapability(Capability.ManageUnits).LimitBody(MaxCsvBytes + 1024).Returns<ImportUnitsResponse>()
        .Describe("Imports units from CSV (number,floor,type[,area][,bedrooms]): every row, or none with row-level errors.");

    public static IEnumerable<ApiRoute> All => [List, Import];

    private static async Task<IResult> ListAsync(ApiCall call)
    {
        var roster = await call.Service<UnitService>().RosterAsync(call.BuildingId, call.Aborted).ConfigureAwait(false);
        return ApiJson.Ok<IReadOnlyList<UnitResponse>>([.. roster.Select(r => new UnitResponse(r.Unit.UnitId, r.Unit.Number, r.Unit.Floor, r.Unit.UnitType, r.Unit.AreaSqFt, r.Unit.Bedrooms, r.ResidentCount))]);
    }

    private static async Task<IResult> ImportAsync(ApiCall call, ImportUnitsRequest body)
    {
        var result = await call.Service<UnitService>().ImportAsync(call.BuildingId, body.Csv!, call.Caller.UserId, call.Aborted).ConfigureAwait(false);
        if (result.Errors.Count > 0)
        {
            var rows = result.Errors.Select(e => new ImportRowError(e.Row, e.Field, e.Message.In(call.Language))).ToList();
            throw new DomainException(ErrorKind.Validation, "import-invalid", UnitTexts.ImportInvalid) { Extensions = new Dictionary<string, object> { ["rows"] = rows } };
        }

        return ApiJson.Ok(new ImportUnitsResponse(result.Imported));
    }
}
