using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Packages;
using LoftsDesArts.Core.Registrations;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Core.Units;
using LoftsDesArts.Http.Pipeline;
using Microsoft.AspNetCore.Http;

namespace LoftsDesArts.Http.Packages;

/// <summary>The front desk's package routes (issue 3): log, list, correct, assign, release, undo, exceptions, pickup look-up, settings.</summary>
public static class PackageDeskRoutes
{
    /// <summary>Pickup codes are 8 of 32 characters; this budget makes guessing one hopeless while a busy desk never meets it.</summary>
    private static readonly ThrottleRule PickupLookupBudget = new("pickup-lookup", 120, TimeSpan.FromMinutes(10));

    public static readonly ApiRoute List = ApiRoute
        .Get("ListPackages", "buildings/{buildingId}/packages", ListAsync)
        .RequireCapability(Capability.HandlePackages).Returns<DeskPackageListResponse>()
        .WithQuery("state", "waiting", "unknown-recipient", "released", "exceptions")
        .WithQuery("unitId").WithQuery("carrier", [.. WireEnum<Carrier>.Names]).WithQuery("flag", [.. WireEnum<PackageFlag>.Names])
        .WithQuery("location").WithQuery("minAgeDays").WithQuery("continuation")
        .Describe("The desk's packages by state (waiting by default), 50 to a page with a continuation (an open list with a filter comes whole), and the building's counts per state.");

    public static readonly ApiRoute Log = ApiRoute
        .Post<LogPackageRequest>("LogPackage", "buildings/{buildingId}/packages", LogAsync)
        .RequireCapability(Capability.HandlePackages).Returns<PackageResponse>(StatusCodes.Status201Created)
        .Describe("Logs a package for a unit (or an unknown recipient). The same clientRequestId answers the same package; a tracking number already waiting is refused (409 duplicate-tracking) unless confirmDuplicate.");

    public static readonly ApiRoute Get = ApiRoute
        .Get("GetPackage", "buildings/{buildingId}/packages/{packageId}", GetAsync)
        .RequireCapability(Capability.HandlePackages).Returns<PackageResponse>()
        .Describe("One package with its chain of custody; the id may be the label's short id.");

    public static readonly ApiRoute Edit = ApiRoute
        .Put<EditPackageRequest>("EditPackage", "buildings/{buildingId}/packages/{packageId}", EditAsync)
        .RequireCapability(Capability.HandlePackages).Returns<PackageResponse>()
        .Describe("Corrects carrier, size, flags, shelf or note; version is the package's, a stale one is refused (412).");

    public static readonly ApiRoute Assign = ApiRoute
        .Post<AssignRecipientRequest>("AssignPackageRecipient", "buildings/{buildingId}/packages/{packageId}/recipient", AssignAsync)
        .RequireCapability(Capability.HandlePackages).Returns<PackageResponse>()
        .Describe("Gives an unknown-recipient package its unit; the unit is told as for an arrival.");

    public static readonly ApiRoute Release = ApiRoute
        .Post<ReleaseRequest>("ReleasePackages", "buildings/{buildingId}/packages/release", ReleaseAsync)
        .RequireCapability(Capability.HandlePackages).Returns<ReleaseResponse>()
        .Describe("Hands one or several waiting packages of a unit to a resident or an authorized person, recording how identity was checked.");

    public static readonly ApiRoute UndoRelease = ApiRoute
        .Post<UndoReleaseRequest>("UndoPackageRelease", "buildings/{buildingId}/packages/{packageId}/undo-release", UndoReleaseAsync)
        .RequireCapability(Capability.HandlePackages).Returns<PackageResponse>()
        .Describe("Puts a package released in error back to waiting, within 10 minutes, with a reason.");

    public static readonly ApiRoute RecordException = ApiRoute
        .Post<PackageExceptionRequest>("RecordPackageException", "buildings/{buildingId}/packages/{packageId}/exception", RecordExceptionAsync)
        .RequireCapability(Capability.HandlePackages).Returns<PackageResponse>()
        .Describe("Records a package returned to sender, missing or damaged, with a note.");

    public static readonly ApiRoute PickupLookup = ApiRoute
        .Post<PickupLookupRequest>("LookUpPickup", "buildings/{buildingId}/pickup/lookup", PickupLookupAsync)
        .RequireCapability(Capability.HandlePackages).Throttled(PickupLookupBudget).Returns<PickupViewResponse>()
        .Describe("What the desk needs to release a unit's packages, from a resident's pickup code or a unit.");

    public static readonly ApiRoute GetSettings = ApiRoute
        .Get("GetPackageSettings", "buildings/{buildingId}/package-settings", GetSettingsAsync)
        .RequireCapability(Capability.ViewBuilding, staffOnly: false).Returns<PackageSettingsResponse>()
        .Describe("Desk hours, pickup place, reminder schedule, sending hours and photo retention.");

    public static readonly ApiRoute ChangeSettings = ApiRoute
        .Put<PackageSettingsRequest>("ChangePackageSettings", "buildings/{buildingId}/package-settings", ChangeSettingsAsync)
        .RequireCapability(Capability.ConfigurePackages).Returns<PackageSettingsResponse>()
        .Describe("Changes the building's package settings; version is the settings', a stale one is refused (412).");

    public static IEnumerable<ApiRoute> All => [List, Log, Get, Edit, Assign, Release, UndoRelease, RecordException, PickupLookup, GetSettings, ChangeSettings];

    private static async Task<IResult> ListAsync(ApiCall call)
    {
        var query = call.Http.Request.Query;
        var state = query["state"].ToString() switch
        {
            "" or "waiting" => PackageState.Waiting,
            "unknown-recipient" => PackageState.UnknownRecipient,
            "released" => PackageState.Released,
            "exceptions" => PackageState.Returned,
            _ => throw DomainException.Invalid("state", Texts.Fields.InvalidChoice),
        };
        var filter = new DeskFilter(
            state,
            query["unitId"].ToString() is { Length: > 0 } unit ? UnitDocument.NormalizeNumber(unit) : null,
            Choice<Carrier>(query["carrier"].ToString(), "carrier"),
            Choice<PackageFlag>(query["flag"].ToString(), "flag"),
            query["location"].ToString() is { Length: > 0 } location ? location.Trim() : null,
            query["minAgeDays"].ToString() is { Length: > 0 } age ? (int.TryParse(age, out var days) && days is >= 0 and <= 365 ? days : throw DomainException.Invalid("minAgeDays", Texts.Fields.InvalidChoice)) : null,
            query["continuation"].ToString() is { Length: > 0 } continuation ? continuation : null);
        var list = await call.Service<PackageLists>().DeskAsync(call.BuildingId, filter, call.Aborted).ConfigureAwait(false);
        var now = call.Clock.GetUtcNow();
        var options = call.Service<PackageOptions>();
        return ApiJson.Ok(new DeskPackageListResponse(
            [.. list.Items.Select(p => PackageResponses.From(p, list.Building, now, staffView: true, options: options))],
            list.Continuation,
            new DeskCountsResponse(list.Counts.Waiting, list.Counts.Overdue, list.Counts.UnknownRecipient, list.Counts.ReleasedToday)));
    }

    private static async Task<IResult> LogAsync(ApiCall call, LogPackageRequest body)
    {
        var command = new LogPackage(
            body.ClientRequestId!,
            body.UnitId,
            body.RecipientUserId,
            body.RecipientName,
            body.TrackingNumber,
            WireEnum<Carrier>.ParseOptional(body.Carrier),
            WireEnum<PackageSize>.Parse(body.Size!),
            [.. (body.Flags ?? []).Select(WireEnum<PackageFlag>.Parse)],
            body.Location,
            body.Note,
            body.ConfirmDuplicate);
        var logged = await call.Service<PackageDesk>().LogAsync(call.BuildingId, command, await ActorAsync(call).ConfigureAwait(false), call.Aborted).ConfigureAwait(false);
        return ApiJson.Created(await StaffViewAsync(call, logged.Package, withTimeline: false).ConfigureAwait(false));
    }

    private static async Task<IResult> GetAsync(ApiCall call)
    {
        var package = await call.Service<PackageDesk>().RequireAsync(call.BuildingId, call.RouteValue("packageId"), call.Aborted).ConfigureAwait(false);
        return ApiJson.Ok(await StaffViewAsync(call, package, withTimeline: true).ConfigureAwait(false));
    }

    private static async Task<IResult> EditAsync(ApiCall call, EditPackageRequest body)
    {
        var command = new EditPackage(
            body.Version!,
            WireEnum<Carrier>.Parse(body.Carrier!),
            WireEnum<PackageSize>.Parse(body.Size!),
            [.. (body.Flags ?? []).Select(WireEnum<PackageFlag>.Parse)],
            body.Location,
            body.Note);
        var edited = await call.Service<PackageDesk>().EditAsync(call.BuildingId, call.RouteValue("packageId"), command, await ActorAsync(call).ConfigureAwait(false), call.Aborted).ConfigureAwait(false);
        return ApiJson.Ok(await StaffViewAsync(call, edited, withTimeline: false).ConfigureAwait(false));
    }

    private static async Task<IResult> AssignAsync(ApiCall call, AssignRecipientRequest body)
    {
        var assigned = await call.Service<PackageDesk>().AssignAsync(call.BuildingId, call.RouteValue("packageId"), body.UnitId!, body.RecipientUserId, await ActorAsync(call).ConfigureAwait(false), call.Aborted).ConfigureAwait(false);
        return ApiJson.Ok(await StaffViewAsync(call, assigned, withTimeline: false).ConfigureAwait(false));
    }

    private static async Task<IResult> ReleaseAsync(ApiCall call, ReleaseRequest body)
    {
        var command = new ReleasePackages(
            body.UnitId!,
            body.PackageIds!,
            WireEnum<ReleasedToKind>.Parse(body.ReleasedTo!.Kind!),
            body.ReleasedTo.UserId,
            body.ReleasedTo.Name!,
            WireEnum<IdentityCheck>.Parse(body.IdentityCheck!),
            body.PickupCode);
        var released = await call.Service<PackageDesk>().ReleaseAsync(call.BuildingId, command, await ActorAsync(call).ConfigureAwait(false), call.Aborted).ConfigureAwait(false);
        var building = await call.Service<PackageSettingsService>().ReadAsync(call.BuildingId, call.Aborted).ConfigureAwait(false);
        var now = call.Clock.GetUtcNow();
        var options = call.Service<PackageOptions>();
        return ApiJson.Ok(new ReleaseResponse(released.ReleaseId, [.. released.Packages.Select(p => PackageResponses.From(p, building, now, staffView: true, options: options))]));
    }

    private static async Task<IResult> UndoReleaseAsync(ApiCall call, UndoReleaseRequest body)
    {
        var restored = await call.Service<PackageDesk>().UndoReleaseAsync(call.BuildingId, call.RouteValue("packageId"), body.Reason, await ActorAsync(call).ConfigureAwait(false), call.Aborted).ConfigureAwait(false);
        return ApiJson.Ok(await StaffViewAsync(call, restored, withTimeline: false).ConfigureAwait(false));
    }

    private static async Task<IResult> RecordExceptionAsync(ApiCall call, PackageExceptionRequest body)
    {
        var recorded = await call.Service<PackageDesk>().RecordExceptionAsync(call.BuildingId, call.RouteValue("packageId"), WireEnum<PackageExceptionKind>.Parse(body.Kind!), body.Note, await ActorAsync(call).ConfigureAwait(false), call.Aborted).ConfigureAwait(false);
        return ApiJson.Ok(await StaffViewAsync(call, recorded, withTimeline: false).ConfigureAwait(false));
    }

    private static async Task<IResult> PickupLookupAsync(ApiCall call, PickupLookupRequest body)
    {
        var codes = call.Service<PickupCodes>();
        var view = string.IsNullOrWhiteSpace(body.Code)
            ? await codes.LookupByUnitAsync(call.BuildingId, body.UnitId!, call.Aborted).ConfigureAwait(false)
            : await codes.LookupByCodeAsync(call.BuildingId, body.Code, call.Aborted).ConfigureAwait(false);
        var building = await call.Service<PackageSettingsService>().ReadAsync(call.BuildingId, call.Aborted).ConfigureAwait(false);
        var now = call.Clock.GetUtcNow();
        var today = building.LocalDate(now);
        var preferences = view.Preferences;
        await call.Service<Core.Audit.AuditLog>().WriteAsync(call.BuildingId, call.Caller.UserId, "pickup.looked-up", "unit", view.Unit.UnitId, null, call.Aborted).ConfigureAwait(false);
        return ApiJson.Ok(new PickupViewResponse(
            view.Unit.UnitId,
            view.Unit.Number,
            view.Person is { } person ? new PersonResponse(person.UserId, person.FullName) : null,
            [.. view.Members.Select(m => new PersonResponse(m.UserId, m.FullName))],
            [.. view.Waiting.Select(p => PackageResponses.From(p, building, now, staffView: true))],
            preferences.Instructions,
            [.. preferences.Authorized.Where(a => a.ExpiresOn is null || a.ExpiresOn >= today).Select(a => new AuthorizedPersonResponse(a.Id, a.Name, a.ExpiresOn))],
            [.. preferences.NeverRelease.Select(n => new BarredPersonResponse(n.Id, n.Name))],
            preferences.VacationHold is { } hold ? new VacationHoldResponse(hold.From, hold.To) : null));
    }

    private static async Task<IResult> GetSettingsAsync(ApiCall call) =>
        ApiJson.Ok(SettingsResponse(await call.Service<PackageSettingsService>().ReadAsync(call.BuildingId, call.Aborted).ConfigureAwait(false)));

    private static async Task<IResult> ChangeSettingsAsync(ApiCall call, PackageSettingsRequest body)
    {
        var change = new PackageSettingsChange(
            body.Version,
            new LocalizedText(body.DeskHours!.Fr?.Trim() ?? string.Empty, body.DeskHours.En?.Trim() ?? string.Empty),
            new LocalizedText(body.PickupLocation!.Fr?.Trim() ?? string.Empty, body.PickupLocation.En?.Trim() ?? string.Empty),
            body.ReminderDays!,
            body.FinalNoticeDay!.Value,
            body.ReturnDay!.Value,
            body.OverdueAfterDays!.Value,
            TimeOnly.ParseExact(body.SendingHours!.From!, "HH:mm"),
            TimeOnly.ParseExact(body.SendingHours.To!, "HH:mm"),
            body.PhotoRetentionDays!.Value);
        var changed = await call.Service<PackageSettingsService>().ChangeAsync(call.BuildingId, change, call.Caller.UserId, call.Aborted).ConfigureAwait(false);
        return ApiJson.Ok(SettingsResponse(changed));
    }

    private static PackageSettingsResponse SettingsResponse(BuildingPackageSettings building)
    {
        var s = building.Settings;
        return new PackageSettingsResponse(
            building.Version,
            new LocalizedTextResponse(s.DeskHours.Fr, s.DeskHours.En),
            new LocalizedTextResponse(s.PickupLocation.Fr, s.PickupLocation.En),
            s.ReminderDays,
            s.FinalNoticeDay,
            s.ReturnDay,
            s.OverdueAfterDays,
            new SendingHoursResponse(s.SendingFrom.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), s.SendingTo.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)),
            s.PhotoRetentionDays);
    }

    /// <summary>A package as the desk sees it; with the timeline, the names of the unit's members notified.</summary>
    internal static async Task<PackageResponse> StaffViewAsync(ApiCall call, Stored<PackageDocument> package, bool withTimeline) =>
        await ViewAsync(call, package, withTimeline, staffView: true).ConfigureAwait(false);

    internal static async Task<PackageResponse> ViewAsync(ApiCall call, Stored<PackageDocument> package, bool withTimeline, bool staffView)
    {
        var building = await call.Service<PackageSettingsService>().ReadAsync(call.BuildingId, call.Aborted).ConfigureAwait(false);
        IReadOnlyList<TimelineEntryResponse>? timeline = null;
        if (withTimeline)
        {
            var items = await call.Service<PackageLists>().TimelineAsync(package.Value, call.Aborted).ConfigureAwait(false);
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            if (package.Value.UnitId is { } unitId)
            {
                var members = await call.Service<IDocumentStore>().QueryAllAsync<ResidentDocument>(RegistrationQueries.ResidentsOfUnit, call.BuildingId, new QueryArgs { ["unitId"] = unitId }, call.Aborted).ConfigureAwait(false);
                foreach (var member in members)
                {
                    names[member.UserId] = member.FullName;
                }
            }

            timeline = PackageResponses.Timeline(items, staffView, call.Language, names);
        }

        return PackageResponses.From(package, building, call.Clock.GetUtcNow(), staffView, timeline, call.Service<PackageOptions>());
    }

    private static async Task<DeskActor> ActorAsync(ApiCall call)
    {
        var account = await call.Service<Accounts>().RequireAsync(call.Caller.UserId, call.Aborted).ConfigureAwait(false);
        return new DeskActor(account.UserId, account.FullName);
    }

    private static T? Choice<T>(string value, string field)
        where T : struct, Enum =>
        value.Length == 0 ? null : WireEnum<T>.Names.Contains(value) ? WireEnum<T>.Parse(value) : throw DomainException.Invalid(field, Texts.Fields.InvalidChoice);
}
