using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Packages;
using LoftsDesArts.Core.Packages.Photos;
using LoftsDesArts.Core.Units;
using LoftsDesArts.Http.Pipeline;
using Microsoft.AspNetCore.Http;

namespace LoftsDesArts.Http.Packages;

/// <summary>
/// A package's photo: the desk uploads it, the desk and the unit's residents see it, always through these
/// authorized routes (never a public or signed link). Stored re-encoded as a JPEG without metadata.
/// </summary>
public static class PackagePhotoRoutes
{
    /// <summary>The route's body cap: the processor's 10 MB limit is checked again on the bytes.</summary>
    private const int MaxUploadBytes = 10 * 1024 * 1024;

    public static readonly ApiRoute Upload = ApiRoute
        .PutBinary("UploadPackagePhoto", "buildings/{buildingId}/packages/{packageId}/photo", UploadAsync, MaxUploadBytes, "image/jpeg", "image/png", "image/webp")
        .RequireCapability(Capability.HandlePackages)
        .Describe("Attaches a photo (JPEG, PNG or WebP, at most 10 MB): re-encoded, metadata (EXIF, GPS) removed, at most 1600 px.");

    public static readonly ApiRoute Get = ApiRoute
        .Get("GetPackagePhoto", "buildings/{buildingId}/packages/{packageId}/photo", GetAsync)
        .RequireCapability(Capability.HandlePackages).ReturnsFile(PackagePhotoNames.ContentType)
        .Describe("The package's photo.");

    public static readonly ApiRoute GetForUnit = ApiRoute
        .Get("GetUnitPackagePhoto", "buildings/{buildingId}/units/{unitId}/packages/{packageId}/photo", GetForUnitAsync)
        .RequireUnitAccess(Capability.HandlePackages).ReturnsFile(PackagePhotoNames.ContentType)
        .Describe("The photo of one of the unit's packages.");

    public static IEnumerable<ApiRoute> All => [Upload, Get, GetForUnit];

    private static async Task<IResult> UploadAsync(ApiCall call, BinaryBody body)
    {
        var desk = call.Service<PackageDesk>();
        var package = await desk.RequireAsync(call.BuildingId, call.RouteValue("packageId"), call.Aborted).ConfigureAwait(false);
        var photo = call.Service<PackagePhotoProcessor>().Process(body.Content);
        await call.Service<IPackagePhotoStore>().PutAsync(call.BuildingId, package.Value.PackageId, photo.Jpeg, call.Aborted).ConfigureAwait(false);
        var account = await call.Service<Core.Identity.Accounts>().RequireAsync(call.Caller.UserId, call.Aborted).ConfigureAwait(false);
        await desk.MarkPhotoAsync(call.BuildingId, package.Value.PackageId, new DeskActor(account.UserId, account.FullName), call.Aborted).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> GetAsync(ApiCall call)
    {
        var package = await call.Service<PackageDesk>().RequireAsync(call.BuildingId, call.RouteValue("packageId"), call.Aborted).ConfigureAwait(false);
        return await PhotoAsync(call, package.Value).ConfigureAwait(false);
    }

    private static async Task<IResult> GetForUnitAsync(ApiCall call)
    {
        var package = await call.Service<PackageDesk>().RequireAsync(call.BuildingId, call.RouteValue("packageId"), call.Aborted).ConfigureAwait(false);
        if (package.Value.UnitId != UnitDocument.NormalizeNumber(call.RouteValue("unitId")))
        {
            throw DomainException.NotFound("package-not-found", PackageTexts.NotFound);
        }

        return await PhotoAsync(call, package.Value).ConfigureAwait(false);
    }

    private static async Task<IResult> PhotoAsync(ApiCall call, PackageDocument package)
    {
        var stream = package.HasPhoto
            ? await call.Service<IPackagePhotoStore>().OpenReadAsync(call.BuildingId, package.PackageId, call.Aborted).ConfigureAwait(false)
            : null;
        if (stream is null)
        {
            throw DomainException.NotFound("photo-not-found", PackageTexts.PhotoNotFound);
        }

        // Personal data (a label shows a name and an address): the browser may show it but must not keep it,
        // and a look by staff is audit-logged (DESIGN §3.10); a resident looking at their own unit's parcel is not.
        if (package.UnitId is not { } unitId || !call.Caller.IsResidentOf(call.BuildingId, unitId))
        {
            await call.Service<Core.Audit.AuditLog>().WriteAsync(call.BuildingId, call.Caller.UserId, "package.photo-viewed", "package", package.PackageId, null, call.Aborted).ConfigureAwait(false);
        }

        call.Http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Stream(stream, PackagePhotoNames.ContentType);
    }
}
