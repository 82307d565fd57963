using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Http.Identity;
using LoftsDesArts.Http.Pipeline;
using Microsoft.AspNetCore.Http;

namespace LoftsDesArts.Http.Me;

public sealed record LanguageRequest(string? Language) : IValidatable
{
    public void Validate(FieldErrors errors) => errors.OneOf("language", Language, ["fr", "en"]);
}

public sealed record ProfileRequest(string? FullName) : IValidatable
{
    public void Validate(FieldErrors errors) => errors.Text("fullName", FullName, 120, 2);
}

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword) : IValidatable
{
    public void Validate(FieldErrors errors)
    {
        errors.Text("currentPassword", CurrentPassword, 1024);
        errors.Text("newPassword", NewPassword, 1024);
    }
}

public sealed record ChangeEmailRequest(string? NewEmail, string? CurrentPassword) : IValidatable
{
    public void Validate(FieldErrors errors)
    {
        errors.Email("newEmail", NewEmail);
        errors.Text("currentPassword", CurrentPassword, 1024);
    }
}

/// <summary>The signed-in person's own account (issue 2, B2): reachable before the email is verified.</summary>
public static class MeRoutes
{
    public static readonly ApiRoute GetMe = ApiRoute
        .Get("GetMe", "me", GetMeAsync)
        .RequireSignedIn().AllowLockedSession().Returns<MeResponse>()
        .Describe("The signed-in person, their memberships and pending registrations.");

    public static readonly ApiRoute SetLanguage = ApiRoute
        .Put<LanguageRequest>("SetLanguage", "me/language", SetLanguageAsync)
        .RequireSignedIn().AllowLockedSession()
        .Describe("Remembers the person's language for the portal and emails.");

    public static readonly ApiRoute UpdateProfile = ApiRoute
        .Put<ProfileRequest>("UpdateProfile", "me/profile", UpdateProfileAsync)
        .RequireSignedIn().Returns<MeResponse>()
        .Describe("Changes the person's name.");

    public static readonly ApiRoute ChangePassword = ApiRoute
        .Post<ChangePasswordRequest>("ChangePassword", "me/password", ChangePasswordAsync)
        .RequireSignedIn()
        .Describe("Changes the password; the address is told and other sessions end.");

    public static readonly ApiRoute ChangeEmail = ApiRoute
        .Post<ChangeEmailRequest>("ChangeEmail", "me/email", ChangeEmailAsync)
        .RequireSignedIn().Returns<AcceptedResponse>(StatusCodes.Status202Accepted)
        .Describe("Starts an email change, confirmed from the new address.");

    public static IEnumerable<ApiRoute> All => [GetMe, SetLanguage, UpdateProfile, ChangePassword, ChangeEmail];

    private static async Task<IResult> GetMeAsync(ApiCall call)
    {
        var account = await call.Service<Accounts>().RequireAsync(call.Caller.UserId, call.Aborted).ConfigureAwait(false);
        return ApiJson.Ok(await call.Service<MeReader>().ReadAsync(account, call.Aborted).ConfigureAwait(false));
    }

    private static async Task<IResult> SetLanguageAsync(ApiCall call, LanguageRequest body)
    {
        await call.Service<AccountService>().SetLanguageAsync(call.Caller.UserId, Languages.TryParse(body.Language) ?? Languages.Default, call.Aborted).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> UpdateProfileAsync(ApiCall call, ProfileRequest body)
    {
        var account = await call.Service<AccountService>().UpdateProfileAsync(call.Caller.UserId, body.FullName!, call.Aborted).ConfigureAwait(false);
        return ApiJson.Ok(await call.Service<MeReader>().ReadAsync(account, call.Aborted).ConfigureAwait(false));
    }

    private static async Task<IResult> ChangePasswordAsync(ApiCall call, ChangePasswordRequest body)
    {
        await call.Service<AccountService>().ChangePasswordAsync(call.Caller.UserId, call.Caller.SessionId, body.CurrentPassword!, body.NewPassword!, call.ClientAddress, call.Aborted).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ChangeEmailAsync(ApiCall call, ChangeEmailRequest body)
    {
        await call.Service<AccountService>().RequestEmailChangeAsync(call.Caller.UserId, body.NewEmail!, body.CurrentPassword!, call.ClientAddress, call.Aborted).ConfigureAwait(false);
        return ApiJson.Accepted(new AcceptedResponse("check-inbox"));
    }
}
