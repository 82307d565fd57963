using LoftsDesArts.Core.Buildings;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Legal;
using LoftsDesArts.Http.Pipeline;
using Microsoft.AspNetCore.Http;

namespace LoftsDesArts.Http.Public;

public sealed record PublicBuildingSummary(string Id, string Name, string Address);

public sealed record PublicBuilding(string Id, string Name, string Address, string TermsVersion, string PrivacyVersion);

public sealed record LegalDocumentResponse(string Document, string Version, string Language, string Title, string Body);

public sealed record AuthOptionsResponse(bool Entra);

/// <summary>What anyone may read: buildings accepting sign-ups, the legal documents, sign-in options.</summary>
public static class PublicRoutes
{
    public static readonly ApiRoute ListBuildings = ApiRoute
        .Get("ListPublicBuildings", "public/buildings", ListBuildingsAsync)
        .AllowAnonymous().Returns<IReadOnlyList<PublicBuildingSummary>>()
        .Describe("Buildings that accept online registrations.");

    public static readonly ApiRoute GetBuilding = ApiRoute
        .Get("GetPublicBuilding", "public/buildings/{buildingId}", GetBuildingAsync)
        .AllowAnonymous().Returns<PublicBuilding>()
        .Describe("A building's name, address and the versions of its terms and privacy notice.");

    public static readonly ApiRoute GetLegal = ApiRoute
        .Get("GetLegalDocument", "public/legal/{document}", GetLegalAsync)
        .AllowAnonymous().Returns<LegalDocumentResponse>()
        .WithQuery("lang", "fr", "en")
        .Describe("The terms of use or the privacy notice, in French (default) or English (?lang=en).");

    public static readonly ApiRoute GetAuthOptions = ApiRoute
        .Get("GetAuthOptions", "public/auth-options", GetAuthOptionsAsync)
        .AllowAnonymous().Returns<AuthOptionsResponse>()
        .Describe("Which sign-in methods this portal offers.");

    public static IEnumerable<ApiRoute> All => [ListBuildings, GetBuilding, GetLegal, GetAuthOptions];

    private static async Task<IResult> ListBuildingsAsync(ApiCall call)
    {
        var entries = await call.Service<BuildingDirectoryCache>().GetAsync(call.Aborted).ConfigureAwait(false);
        return ApiJson.Ok<IReadOnlyList<PublicBuildingSummary>>([.. entries.Select(e => new PublicBuildingSummary(e.BuildingId, e.Name, e.Address))]);
    }

    private static async Task<IResult> GetBuildingAsync(ApiCall call)
    {
        var building = await call.Service<BuildingService>().RequireAsync(call.RouteValue("buildingId"), call.Aborted).ConfigureAwait(false);
        if (!building.RegistrationOpen)
        {
            throw DomainException.NotFound("building-not-found", BuildingTexts.NotFound);
        }

        return ApiJson.Ok(new PublicBuilding(building.BuildingId, building.Name, building.Address, building.TermsVersion, building.PrivacyVersion));
    }

    private static Task<IResult> GetLegalAsync(ApiCall call)
    {
        var kind = call.RouteValue("document") switch
        {
            "terms" => LegalDocumentKind.Terms,
            "privacy" => LegalDocumentKind.Privacy,
            _ => throw DomainException.NotFound("document-not-found", Texts.Errors.NotFound),
        };
        var language = Languages.TryParse(call.Http.Request.Query["lang"]) ?? Languages.Default;
        var document = LegalDocuments.Get(kind, language);
        return Task.FromResult<IResult>(ApiJson.Ok(new LegalDocumentResponse(call.RouteValue("document"), document.Version, language.Code(), document.Title, document.Body)));
    }

    private static Task<IResult> GetAuthOptionsAsync(ApiCall call) =>
        Task.FromResult<IResult>(ApiJson.Ok(new AuthOptionsResponse(call.Service<Core.Identity.IEntraSignIn>().IsConfigured)));
}
