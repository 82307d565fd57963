using LoftsDesArts.Http.Packages;
using LoftsDesArts.Http.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LoftsDesArts.Functions.Packages;

/// <summary>One thin function per route of <see cref="PackageDeskRoutes"/>, <see cref="UnitPackageRoutes"/> and <see cref="PackagePhotoRoutes"/>: each is a call into the shared pipeline.</summary>
public sealed class PackageFunctions(ApiPipeline pipeline)
{
    [Function("ListPackages")]
    public Task<IResult> ListPackages([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "buildings/{buildingId}/packages")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, PackageDeskRoutes.List);

    [Function("LogPackage")]
    public Task<IResult> LogPackage([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "buildings/{buildingId}/packages")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, PackageDeskRoutes.Log);

    [Function("GetPackage")]
    public Task<IResult> GetPackage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "buildings/{buildingId}/packages/{packageId}")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, PackageDeskRoutes.Get);

    [Function("EditPackage")]
    public Task<IResult> EditPackage([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "buildings/{buildingId}/packages/{packageId}")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, PackageDeskRoutes.Edit);

    [Function("AssignPackageRecipient")]
    public Task<IResult> AssignPackageRecipient([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "buildings/{buildingId}/packages/{packageId}/recipient")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, PackageDeskRoutes.Assign);

    [Function("ReleasePackages")]
    public Task<IResult> ReleasePackages([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "buildings/{buildingId}/packages/release")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, PackageDeskRoutes.Release);

    [Function("UndoPackageRelease")]
    public Task<IResult> UndoPackageRelease([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "buildings/{buildingId}/packages/{packageId}/undo-release")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, PackageDeskRoutes.UndoRelease);

    [Function("RecordPackageException")]
    public Task<IResult> RecordPackageException([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "buildings/{buildingId}/packages/{packageId}/exception")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, PackageDeskRoutes.RecordException);

    [Function("LookUpPickup")]
    public Task<IResult> LookUpPickup([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "buildings/{buildingId}/pickup/lookup")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, PackageDeskRoutes.PickupLookup);

    [Function("GetPackageSettings")]
    public Task<IResult> GetPackageSettings([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "buildings/{buildingId}/package-settings")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, PackageDeskRoutes.GetSettings);

    [Function("ChangePackageSettings")]
    public Task<IResult> ChangePackageSettings([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "buildings/{buildingId}/package-settings")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, PackageDeskRoutes.ChangeSettings);

    [Function("ListUnitPackages")]
    public Task<IResult> ListUnitPackages([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "buildings/{buildingId}/units/{unitId}/packages")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, UnitPackageRoutes.List);

    [Function("GetUnitPackage")]
    public Task<IResult> GetUnitPackage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "buildings/{buildingId}/units/{unitId}/packages/{packageId}")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, UnitPackageRoutes.Get);

    [Function("GetPickupCode")]
    public Task<IResult> GetPickupCode([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "buildings/{buildingId}/units/{unitId}/pickup-code")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, UnitPackageRoutes.GetPickupCode);

    [Function("RegeneratePickupCode")]
    public Task<IResult> RegeneratePickupCode([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "buildings/{buildingId}/units/{unitId}/pickup-code")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, UnitPackageRoutes.RegeneratePickupCode);

    [Function("GetPackagePreferences")]
    public Task<IResult> GetPackagePreferences([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "buildings/{buildingId}/units/{unitId}/package-preferences")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, UnitPackageRoutes.GetPreferences);

    [Function("ChangePackagePreferences")]
    public Task<IResult> ChangePackagePreferences([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "buildings/{buildingId}/units/{unitId}/package-preferences")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, UnitPackageRoutes.ChangePreferences);

    [Function("ChangePackageNoticeChoices")]
    public Task<IResult> ChangePackageNoticeChoices([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "buildings/{buildingId}/units/{unitId}/package-preferences/notices")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, UnitPackageRoutes.ChangeNoticeChoices);

    [Function("ListExpectedPackages")]
    public Task<IResult> ListExpectedPackages([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "buildings/{buildingId}/units/{unitId}/expected-packages")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, UnitPackageRoutes.ListExpected);

    [Function("AddExpectedPackage")]
    public Task<IResult> AddExpectedPackage([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "buildings/{buildingId}/units/{unitId}/expected-packages")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, UnitPackageRoutes.AddExpected);

    [Function("RemoveExpectedPackage")]
    public Task<IResult> RemoveExpectedPackage([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "buildings/{buildingId}/units/{unitId}/expected-packages/{expectedId}")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, UnitPackageRoutes.RemoveExpected);

    [Function("UploadPackagePhoto")]
    public Task<IResult> UploadPackagePhoto([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "buildings/{buildingId}/packages/{packageId}/photo")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, PackagePhotoRoutes.Upload);

    [Function("GetPackagePhoto")]
    public Task<IResult> GetPackagePhoto([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "buildings/{buildingId}/packages/{packageId}/photo")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, PackagePhotoRoutes.Get);

    [Function("GetUnitPackagePhoto")]
    public Task<IResult> GetUnitPackagePhoto([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "buildings/{buildingId}/units/{unitId}/packages/{packageId}/photo")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, PackagePhotoRoutes.GetForUnit);
}
