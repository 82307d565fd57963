using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Packages;
using LoftsDesArts.Core.Units;
using LoftsDesArts.Http.Pipeline;
using Microsoft.AspNetCore.Http;

namespace LoftsDesArts.Http.Packages;

/// <summary>
/// A unit's own package routes (issue 3): its residents see their packages and manage their pickup code and
/// preferences; the desk (capability HandlePackages) may read the packages and preferences, but only residents
/// hold a pickup code or change what the unit asks of the desk. Nobody else, whatever their role elsewhere.
/// </summary>
public static class UnitPackageRoutes
{
    private const string Unit = "buildings/{buildingId}/units/{unitId}";

    public static readonly ApiRoute List = ApiRoute
        .Get("ListUnitPackages", Unit + "/packages", ListAsync)
        .RequireUnitAccess(Capability.HandlePackages).Returns<UnitPackageListResponse>()
        .WithQuery("view", "waiting", "history").WithQuery("continuation")
        .Describe("A unit's waiting packages (with where and when to pick them up) or its history.");

    public static readonly ApiRoute Get = ApiRoute
        .Get("GetUnitPackage", Unit + "/packages/{packageId}", GetAsync)
        .RequireUnitAccess(Capability.HandlePackages).Returns<PackageResponse>()
        .Describe("One of the unit's packages with its chain of custody.");

    public static readonly ApiRoute GetPickupCode = ApiRoute
        .Get("GetPickupCode", Unit + "/pickup-code", GetPickupCodeAsync)
        .RequireUnitResident().Returns<PickupCodeResponse>()
        .Describe("The caller's personal pickup code for the unit (issued on first read).");

    public static readonly ApiRoute RegeneratePickupCode = ApiRoute
        .Post("RegeneratePickupCode", Unit + "/pickup-code", RegeneratePickupCodeAsync)
        .RequireUnitResident().Returns<PickupCodeResponse>()
        .Describe("Replaces the caller's pickup code; the old one stops working.");

    public static readonly ApiRoute GetPreferences = ApiRoute
        .Get("GetPackagePreferences", Unit + "/package-preferences", GetPreferencesAsync)
        .RequireUnitAccess(Capability.HandlePackages).Returns<PackagePreferencesResponse>()
        .Describe("The unit's pickup preferences and the caller's own package email choices.");

    public static readonly ApiRoute ChangePreferences = ApiRoute
        .Put<PackagePreferencesRequest>("ChangePackagePreferences", Unit + "/package-preferences", ChangePreferencesAsync)
        .RequireUnitResident().Returns<PackagePreferencesResponse>()
        .Describe("Changes who may pick up, who never, instructions and the vacation hold; version is the preferences', a stale one is refused (412).");

    public static readonly ApiRoute ChangeNoticeChoices = ApiRoute
        .Put<NoticeChoicesContract>("ChangePackageNoticeChoices", Unit + "/package-preferences/notices", ChangeNoticeChoicesAsync)
        .RequireUnitResident().Returns<PackagePreferencesResponse>()
        .Describe("The caller's own choice of package emails (arrival, reminder, release).");

    public static readonly ApiRoute ListExpected = ApiRoute
        .Get("ListExpectedPackages", Unit + "/expected-packages", ListExpectedAsync)
        .RequireUnitAccess(Capability.HandlePackages).Returns<IReadOnlyList<ExpectedPackageResponse>>()
        .Describe("Tracking numbers the unit expects.");

    public static readonly ApiRoute AddExpected = ApiRoute
        .Post<ExpectedPackageRequest>("AddExpectedPackage", Unit + "/expected-packages", AddExpectedAsync)
        .RequireUnitResident().Returns<ExpectedPackageResponse>(StatusCodes.Status201Created)
        .Describe("Announces a tracking number: when the desk logs it, the recipient is filled in.");

    public static readonly ApiRoute RemoveExpected = ApiRoute
        .Delete("RemoveExpectedPackage", Unit + "/expected-packages/{expectedId}", RemoveExpectedAsync)
        .RequireUnitResident()
        .Describe("Forgets an expected tracking number.");

    public static IEnumerable<ApiRoute> All => [List, Get, GetPickupCode, RegeneratePickupCode, GetPreferences, ChangePreferences, ChangeNoticeChoices, ListExpected, AddExpected, RemoveExpected];

    private static string UnitId(ApiCall call) => UnitDocument.NormalizeNumber(call.RouteValue("unitId"));

    private static async Task<IResult> ListAsync(ApiCall call)
    {
        var history = call.Http.Request.Query["view"].ToString() switch
        {
            "" or "waiting" => false,
            "history" => true,
            _ => throw DomainException.Invalid("view", Texts.Fields.InvalidChoice),
        };
        var continuation = call.Http.Request.Query["continuation"].ToString();
        var list = await call.Service<PackageLists>().UnitAsync(call.BuildingId, UnitId(call), history, continuation.Length > 0 ? continuation : null, call.Aborted).ConfigureAwait(false);
        var now = call.Clock.GetUtcNow();
        var staffView = PackageResponses.IsStaffView(call);
        var settings = list.Building.Settings;
        return ApiJson.Ok(new UnitPackageListResponse(
            [.. list.Items.Select(p => PackageResponses.From(p, list.Building, now, staffView, options: call.Service<PackageOptions>()))],
            list.Continuation,
            new PickupPlaceResponse(settings.PickupLocation.In(call.Language), settings.DeskHours.In(call.Language))));
    }

    private static async Task<IResult> GetAsync(ApiCall call)
    {
        var package = await call.Service<PackageDesk>().RequireAsync(call.BuildingId, call.RouteValue("packageId"), call.Aborted).ConfigureAwait(false);
        if (package.Value.UnitId != UnitId(call))
        {
            // Another unit's package is, to this unit, a package that does not exist.
            throw DomainException.NotFound("package-not-found", PackageTexts.NotFound);
        }

        return ApiJson.Ok(await PackageDeskRoutes.ViewAsync(call, package, withTimeline: true, PackageResponses.IsStaffView(call)).ConfigureAwait(false));
    }

    private static async Task<IResult> GetPickupCodeAsync(ApiCall call) =>
        ApiJson.Ok(CodeResponse(await call.Service<PickupCodes>().GetOrIssueAsync(call.BuildingId, UnitId(call), call.Caller.UserId, call.Aborted).ConfigureAwait(false)));

    private static async Task<IResult> RegeneratePickupCodeAsync(ApiCall call) =>
        ApiJson.Ok(CodeResponse(await call.Service<PickupCodes>().IssueAsync(call.BuildingId, UnitId(call), call.Caller.UserId, call.Aborted).ConfigureAwait(false)));

    private static async Task<IResult> GetPreferencesAsync(ApiCall call)
    {
        var unitId = UnitId(call);
        var preferences = await call.Service<PackagePreferencesService>().ReadAsync(call.BuildingId, unitId, call.Caller.UserId, call.Aborted).ConfigureAwait(false);

        // Who may and may not take a unit's parcels, and its absences, are personal data: a staff read is audit-logged (DESIGN §3.10).
        if (!call.Caller.IsResidentOf(call.BuildingId, unitId))
        {
            await call.Service<Core.Audit.AuditLog>().WriteAsync(call.BuildingId, call.Caller.UserId, "package-preferences.read", "unit", unitId, null, call.Aborted).ConfigureAwait(false);
        }

        return ApiJson.Ok(PreferencesResponse(preferences));
    }

    private static async Task<IResult> ChangePreferencesAsync(ApiCall call, PackagePreferencesRequest body)
    {
        var change = new HouseholdPreferencesChange(
            body.Version,
            [.. (body.Authorized ?? []).Select(a => (a.Name!, a.ExpiresOn))],
            [.. (body.NeverRelease ?? []).Select(n => n.Name!)],
            body.Instructions,
            body.VacationHold is { From: { } from, To: { } to } ? new VacationHold(from, to) : null);
        var view = await call.Service<PackagePreferencesService>().ChangeHouseholdAsync(call.BuildingId, UnitId(call), call.Caller.UserId, change, call.Aborted).ConfigureAwait(false);
        return ApiJson.Ok(PreferencesResponse(view));
    }

    private static async Task<IResult> ChangeNoticeChoicesAsync(ApiCall call, NoticeChoicesContract body)
    {
        var view = await call.Service<PackagePreferencesService>().ChangeMineAsync(call.BuildingId, UnitId(call), call.Caller.UserId, new PackageNoticeChoices(body.Arrival, body.Reminder, body.Release), call.Aborted).ConfigureAwait(false);
        return ApiJson.Ok(PreferencesResponse(view));
    }

    private static async Task<IResult> ListExpectedAsync(ApiCall call)
    {
        var expected = await call.Service<PackagePreferencesService>().ListExpectedAsync(call.BuildingId, UnitId(call), call.Aborted).ConfigureAwait(false);
        return ApiJson.Ok<IReadOnlyList<ExpectedPackageResponse>>([.. expected.Select(ExpectedResponse)]);
    }

    private static async Task<IResult> AddExpectedAsync(ApiCall call, ExpectedPackageRequest body)
    {
        var added = await call.Service<PackagePreferencesService>().AddExpectedAsync(call.BuildingId, UnitId(call), call.Caller.UserId, body.TrackingNumber, body.Description, call.Aborted).ConfigureAwait(false);
        return ApiJson.Created(ExpectedResponse(added));
    }

    private static async Task<IResult> RemoveExpectedAsync(ApiCall call)
    {
        await call.Service<PackagePreferencesService>().RemoveExpectedAsync(call.BuildingId, UnitId(call), call.RouteValue("expectedId"), call.Aborted).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static PickupCodeResponse CodeResponse(PickupCodeDocument code) => new(code.Code, PickupCodes.Display(code.Code), code.IssuedAt);

    private static ExpectedPackageResponse ExpectedResponse(ExpectedPackageDocument e) => new(e.ExpectedId, e.TrackingNumber, e.Carrier, e.Description, e.CreatedAt);

    private static PackagePreferencesResponse PreferencesResponse(PackagePreferencesView view)
    {
        var p = view.Preferences;
        return new PackagePreferencesResponse(
            view.Household?.ETag,
            [.. p.Authorized.Select(a => new AuthorizedPersonResponse(a.Id, a.Name, a.ExpiresOn))],
            [.. p.NeverRelease.Select(n => new BarredPersonResponse(n.Id, n.Name))],
            p.Instructions,
            p.VacationHold is { } hold ? new VacationHoldResponse(hold.From, hold.To) : null,
            new NoticeChoicesContract(view.Mine.Arrival, view.Mine.Reminder, view.Mine.Release));
    }
}
