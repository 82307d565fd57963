using System.Text;
using System.Text.Json;
using LoftsDesArts.Api.Tests.Support;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Notices;
using LoftsDesArts.Core.Packages;
using LoftsDesArts.Core.Packages.Photos;
using LoftsDesArts.Core.Realtime;
using LoftsDesArts.Core.Registrations;
using LoftsDesArts.Core.Staff;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Core.Units;
using LoftsDesArts.Http.Identity;
using Microsoft.AspNetCore.Http;

namespace LoftsDesArts.Api.Tests.Authorization;

/// <summary>One cell of the matrix while it runs: the caller, the expectation, the cookies to send and the checks after the answer.</summary>
public sealed class CaseContext(MatrixWorld world, Caller caller, string route, int expected)
{
    private readonly List<Func<ApiResponse, Task>> _checks = [];

    public MatrixWorld World { get; } = world;

    public Caller Caller { get; } = caller;

    public string Route { get; } = route;

    public int Expected { get; } = expected;

    /// <summary>The answer is expected to be a success: the target must have changed.</summary>
    public bool Succeeds => Expected is >= 200 and < 300;

    /// <summary>The session cookies the request carries (the main session unless the case starts another).</summary>
    public string? Cookie { get; set; } = caller.Cookie;

    /// <summary>
    /// Whose account the answer is about: the caller, or the fresh account a case uses in the caller's
    /// place (an unverified caller verifying a new registrant's address). The foreign-id rule applies to it.
    /// </summary>
    public Caller Actor { get; set; } = caller;

    /// <summary>The session the request carries, when the case started its own.</summary>
    public string? SessionId { get; private set; } = caller.SessionId;

    public string Home => World.HomeBuilding;

    public IReadOnlyList<Func<ApiResponse, Task>> Checks => _checks;

    public void Then(Func<ApiResponse, Task> check) => _checks.Add(check);

    public void Then(Action<ApiResponse> check) => _checks.Add(r =>
    {
        check(r);
        return Task.CompletedTask;
    });

    /// <summary>
    /// For a case whose success ends, locks or rotates the session it runs in: a second session of the
    /// caller's account, so the main one stays as it was. Callers without a session keep none.
    /// </summary>
    public async Task UseOwnSessionAsync(bool locked = false)
    {
        if (Caller.HasSession)
        {
            (Cookie, SessionId) = await World.StartSessionAsync(Caller, locked);
        }
    }
}

/// <summary>
/// How each route is called in the matrix: the request for a caller, the targets it needs (fresh ones
/// where success changes them; a shared one, checked unchanged, where the caller is refused) and the
/// checks on the answer beyond the status. Keyed by route name, like the table of expectations.
/// </summary>
public static class MatrixRequests
{
    private const string UnknownEmail = "personne.inconnue@example.test";

    /// <summary>Shaped like a real link token (43 URL-safe characters), issued to nobody.</summary>
    private const string UnknownInvitationTokenValue = "JetonInconnuJetonInconnuJetonInconnuJetonIn";

    public static readonly IReadOnlyDictionary<string, Func<CaseContext, Task<ApiRequest>>> All = new Dictionary<string, Func<CaseContext, Task<ApiRequest>>>(StringComparer.Ordinal)
    {
        ["GetHealth"] = _ => Task.FromResult(ApiRequest.Get("/api/health")),
        ["GetReadiness"] = _ => Task.FromResult(ApiRequest.Get("/api/health/ready")),
        ["ListPublicBuildings"] = _ => Task.FromResult(ApiRequest.Get("/api/public/buildings")),
        ["GetPublicBuilding"] = c => Task.FromResult(ApiRequest.Get($"/api/public/buildings/{c.Home}")),
        ["GetLegalDocument"] = _ => Task.FromResult(ApiRequest.Get("/api/public/legal/terms")),
        ["GetAuthOptions"] = _ => Task.FromResult(ApiRequest.Get("/api/public/auth-options")),

        ["SignIn"] = c =>
        {
            ExpectTotpStepForStaff(c);
            return Task.FromResult(ApiRequest.PostJson("/api/auth/sign-in", new { email = c.Caller.Email ?? UnknownEmail, password = c.Caller.Password ?? PortalSession.StrongPassword }));
        },
        ["SignInTotp"] = SignInTotpAsync,
        ["RequestSignInCode"] = c => Task.FromResult(ApiRequest.PostJson("/api/auth/sign-in/code/request", new { email = c.Caller.Email ?? UnknownEmail })),
        ["SignInWithCode"] = async c =>
        {
            // The code the sign-in email would carry, from the same issuer; an unverified address is sent
            // none (RequestSignInCode is silent for it), so the unverified caller can only guess.
            await c.World.SettleAsync();
            var code = c.Caller is { UserId: { } userId, Kind: not CallerKind.Unverified }
                ? (await c.World.Service<VerificationIssuer>().IssueSignInCodeAsync(userId, default)).Code!
                : "123456";
            ExpectTotpStepForStaff(c);
            return ApiRequest.PostJson("/api/auth/sign-in/code", new { email = c.Caller.Email ?? UnknownEmail, code });
        },
        ["RefreshSession"] = async c =>
        {
            await c.UseOwnSessionAsync();
            return ApiRequest.Post("/api/auth/refresh");
        },
        ["SignOut"] = async c =>
        {
            await c.UseOwnSessionAsync();
            ExpectSessionEnded(c);
            return ApiRequest.Post("/api/auth/sign-out");
        },
        ["SignOutEverywhere"] = async c =>
        {
            await c.UseOwnSessionAsync();
            EndsEverySession(c);
            return ApiRequest.Post("/api/auth/sign-out-everywhere");
        },
        ["ListSessions"] = c =>
        {
            c.Then(r => Assert.True(!c.Succeeds || r.Json().EnumerateArray().Any(s => s.GetProperty("id").GetString() == c.Caller.SessionId), "the caller's own session is listed"));
            return Task.FromResult(ApiRequest.Get("/api/auth/sessions"));
        },
        ["EndSession"] = c =>
        {
            var victim = c.World.Victim;
            c.Then(async _ =>
            {
                var session = await c.World.Service<SessionService>().ReadAsync(victim.UserId!, victim.SessionId!, default);
                Assert.True(session is { RevokedAt: null }, $"{c.Caller} ended another user's session");
            });
            return Task.FromResult(ApiRequest.Delete($"/api/auth/sessions/{victim.SessionId}"));
        },
        ["LockSession"] = async c =>
        {
            await c.UseOwnSessionAsync();
            c.Then(async _ =>
            {
                if (c.Succeeds)
                {
                    var session = await c.World.Service<SessionService>().ReadAsync(c.Caller.UserId!, c.SessionId!, default);
                    Assert.NotNull(session?.LockedAt);
                }
            });
            return ApiRequest.Post("/api/auth/lock");
        },
        ["UnlockSession"] = async c =>
        {
            await c.UseOwnSessionAsync(locked: true);
            c.Then(async _ =>
            {
                if (c.Succeeds)
                {
                    var session = await c.World.Service<SessionService>().ReadAsync(c.Caller.UserId!, c.SessionId!, default);
                    Assert.Null(session?.LockedAt);
                }
            });
            return ApiRequest.PostJson("/api/auth/unlock", new { password = c.Caller.Password ?? PortalSession.StrongPassword });
        },
        ["VerifyEmail"] = async c =>
        {
            // Verifying would change who the unverified caller is: they use a fresh unverified account.
            var who = c.Actor = c.Caller.Kind == CallerKind.Unverified ? await c.World.FreshUnverifiedAsync() : c.Caller;
            await c.World.SettleAsync();
            var code = who.UserId is { } userId
                ? (await c.World.Service<VerificationIssuer>().IssueEmailVerificationAsync(userId, null, default)).Code!
                : "123456";
            ExpectTotpStepForStaff(c);
            return ApiRequest.PostJson("/api/auth/verify-email", new { email = who.Email ?? UnknownEmail, code });
        },
        ["ResendVerification"] = c => Task.FromResult(ApiRequest.PostJson("/api/auth/verify-email/resend", new { email = c.Caller.Email ?? UnknownEmail })),
        ["ForgotPassword"] = c => Task.FromResult(ApiRequest.PostJson("/api/auth/password/forgot", new { email = c.Caller.Email ?? UnknownEmail })),
        ["ResetPassword"] = async c =>
        {
            // A reset proves the address, which would verify the unverified caller: they use a fresh account.
            var who = c.Actor = c.Caller.Kind == CallerKind.Unverified ? await c.World.FreshUnverifiedAsync() : c.Caller;
            var token = who.UserId is { } userId
                ? (await c.World.Service<VerificationIssuer>().IssuePasswordResetAsync(userId, default)).LinkToken
                : "pas-un-jeton-de-reinitialisation";
            var newPassword = c.World.NewPassword();
            if (who == c.Caller)
            {
                ChangesPassword(c, newPassword);
                EndsEverySession(c);
            }

            return ApiRequest.PostJson("/api/auth/password/reset", new { token, newPassword });
        },
        ["StartEntraSignIn"] = _ => Task.FromResult(ApiRequest.Get("/api/auth/entra/start")),
        ["CompleteEntraSignIn"] = _ => Task.FromResult(ApiRequest.Get("/api/auth/entra/callback") with { Query = "?code=abc&state=def" }),

        ["GetMe"] = c =>
        {
            c.Then(r => Assert.True(!c.Succeeds || r.Json().GetProperty("userId").GetString() == c.Caller.UserId, "GetMe answers with the caller"));
            return Task.FromResult(ApiRequest.Get("/api/me"));
        },
        ["SetLanguage"] = _ => Task.FromResult(ApiRequest.PutJson("/api/me/language", new { language = "fr" })),
        ["UpdateProfile"] = c => Task.FromResult(ApiRequest.PutJson("/api/me/profile", new { fullName = $"Nom {c.World.Next()}" })),
        ["ChangePassword"] = async c =>
        {
            await c.UseOwnSessionAsync();
            var newPassword = c.World.NewPassword();
            ChangesPassword(c, newPassword);
            EndsEverySession(c); // every session but the one the change was made in (the case's own)
            return ApiRequest.PostJson("/api/me/password", new { currentPassword = c.Caller.Password ?? PortalSession.StrongPassword, newPassword });
        },
        ["ChangeEmail"] = c => Task.FromResult(ApiRequest.PostJson("/api/me/email", new { newEmail = c.World.NewEmail("nouvelle"), currentPassword = c.Caller.Password ?? PortalSession.StrongPassword })),

        ["Register"] = RegisterAsync,
        ["ListRegistrations"] = c => Task.FromResult(ApiRequest.Get($"/api/buildings/{c.Home}/registrations") with { Query = "?status=pending" }),
        ["ApproveRegistration"] = c => DecideAsync(c, "approve", new { confirmOwner = false }, RegistrationStatus.Approved),
        ["RejectRegistration"] = c => DecideAsync(c, "reject", new { reason = "Personne inconnue à cette adresse." }, RegistrationStatus.Rejected),
        ["IssueRegistrationCode"] = c =>
        {
            c.Then(r =>
            {
                if (c.Succeeds)
                {
                    c.World.Ids.Add(r.Json().GetProperty("id").GetString(), IdKind.Code, c.Home, null);
                }
            });
            return Task.FromResult(ApiRequest.PostJson($"/api/buildings/{c.Home}/units/101/registration-codes", new { maxUses = 2, validDays = 7 }));
        },
        ["ListRegistrationCodes"] = c => Task.FromResult(ApiRequest.Get($"/api/buildings/{c.Home}/units/101/registration-codes")),
        ["RevokeRegistrationCode"] = RevokeCodeAsync,
        ["ListResidents"] = c => Task.FromResult(ApiRequest.Get($"/api/buildings/{c.Home}/residents")),
        ["ConfirmOwner"] = ConfirmOwnerAsync,
        ["ListUnits"] = c => Task.FromResult(ApiRequest.Get($"/api/buildings/{c.Home}/units")),
        ["ImportUnits"] = ImportUnitsAsync,

        ["BeginFirstAdmin"] = c => Task.FromResult(ApiRequest.PostJson("/api/setup/first-admin", new { token = "pas-le-jeton-de-configuration", fullName = "Adèle Admin", email = c.World.NewEmail("admin"), password = PortalSession.StrongPassword, language = "fr" })),
        ["CompleteFirstAdmin"] = _ => Task.FromResult(ApiRequest.PostJson("/api/setup/first-admin/totp", new { token = "pas-le-jeton-de-configuration", code = "123456" })),

        ["ListStaff"] = ListStaffAsync,
        ["InviteStaff"] = InviteStaffAsync,
        ["RevokeStaffInvitation"] = RevokeStaffInvitationAsync,
        ["ChangeStaffRole"] = ChangeStaffRoleAsync,
        ["RemoveStaff"] = RemoveStaffAsync,
        ["InspectInvitation"] = c => UnknownInvitationToken(c, "/api/invitations/inspect", new { token = UnknownInvitationTokenValue }),
        ["AcceptInvitation"] = c => UnknownInvitationToken(c, "/api/invitations/accept", new { token = UnknownInvitationTokenValue, fullName = "Léa Bouchard", password = PortalSession.StrongPassword, language = "fr" }),
        ["ConfirmInvitationTotp"] = c => UnknownInvitationToken(c, "/api/invitations/accept/totp", new { token = UnknownInvitationTokenValue, code = "123456" }),

        ["Negotiate"] = NegotiateAsync,
        ["ListDeadLetters"] = c => Task.FromResult(ApiRequest.Get($"/api/buildings/{c.Home}/dead-letters")),
        ["RetryDeadLetter"] = RetryDeadLetterAsync,
        ["ListFailedNotices"] = c => Task.FromResult(ApiRequest.Get($"/api/buildings/{c.Home}/notices/failed")),
        ["RetryNotice"] = RetryNoticeAsync,

        ["ListPackages"] = c =>
        {
            c.Then(r => Assert.True(!c.Succeeds || Ids(r.Json().GetProperty("items")).Contains(c.World.HomePackage), "the desk list holds the waiting package of unit 101"));
            return Task.FromResult(ApiRequest.Get($"/api/buildings/{c.Home}/packages"));
        },
        ["LogPackage"] = LogPackageAsync,
        ["GetPackage"] = c =>
        {
            c.Then(r => Assert.True(!c.Succeeds || r.Json().GetProperty("id").GetString() == c.World.HomePackage, "the package asked for"));
            return Task.FromResult(ApiRequest.Get($"/api/buildings/{c.Home}/packages/{c.World.HomePackage}"));
        },
        ["EditPackage"] = EditPackageAsync,
        ["AssignPackageRecipient"] = AssignPackageRecipientAsync,
        ["ReleasePackages"] = ReleasePackagesAsync,
        ["UndoPackageRelease"] = UndoPackageReleaseAsync,
        ["RecordPackageException"] = RecordPackageExceptionAsync,
        ["UploadPackagePhoto"] = UploadPackagePhotoAsync,
        ["GetPackagePhoto"] = c =>
        {
            ExpectPhoto(c);
            return Task.FromResult(ApiRequest.Get($"/api/buildings/{c.Home}/packages/{c.World.HomePackage}/photo"));
        },
        ["LookUpPickup"] = LookUpPickupAsync,
        ["GetPackageSettings"] = c =>
        {
            c.Then(r => Assert.True(!c.Succeeds || r.Json().GetProperty("deskHours").GetProperty("fr").GetString()!.Length > 0, "the settings carry the desk hours"));
            return Task.FromResult(ApiRequest.Get($"/api/buildings/{c.Home}/package-settings"));
        },
        ["ChangePackageSettings"] = ChangePackageSettingsAsync,

        ["ListUnitPackages"] = c =>
        {
            c.Then(r =>
            {
                if (c.Succeeds)
                {
                    var items = Ids(r.Json().GetProperty("items"));
                    Assert.Contains(c.World.HomePackage, items);
                    Assert.DoesNotContain(c.World.NeighbourPackage, items);
                }
            });
            return Task.FromResult(ApiRequest.Get($"/api/buildings/{c.Home}/units/101/packages"));
        },
        ["GetUnitPackage"] = c =>
        {
            c.Then(r => Assert.True(!c.Succeeds || r.Json().GetProperty("id").GetString() == c.World.HomePackage, "the package asked for"));
            return Task.FromResult(ApiRequest.Get($"/api/buildings/{c.Home}/units/101/packages/{c.World.HomePackage}"));
        },
        ["GetUnitPackagePhoto"] = c =>
        {
            ExpectPhoto(c);
            return Task.FromResult(ApiRequest.Get($"/api/buildings/{c.Home}/units/101/packages/{c.World.HomePackage}/photo"));
        },
        ["GetPackagePreferences"] = c => Task.FromResult(ApiRequest.Get($"/api/buildings/{c.Home}/units/101/package-preferences")),
        ["ListExpectedPackages"] = c =>
        {
            c.Then(r => Assert.True(!c.Succeeds || Ids(r.Json()).Contains(c.World.ExpectedToRemove), "unit 101's expected tracking number is listed"));
            return Task.FromResult(ApiRequest.Get($"/api/buildings/{c.Home}/units/101/expected-packages"));
        },

        ["GetPickupCode"] = c =>
        {
            c.Then(async r =>
            {
                if (c.Succeeds)
                {
                    Assert.Equal(await c.World.PickupCodeAsync(c.Caller), r.Json().GetProperty("code").GetString());
                }
            });
            return Task.FromResult(ApiRequest.Get($"/api/buildings/{c.Home}/units/101/pickup-code"));
        },
        ["RegeneratePickupCode"] = RegeneratePickupCodeAsync,
        ["ChangePackagePreferences"] = ChangePackagePreferencesAsync,
        ["ChangePackageNoticeChoices"] = ChangePackageNoticeChoicesAsync,
        ["AddExpectedPackage"] = AddExpectedPackageAsync,
        ["RemoveExpectedPackage"] = RemoveExpectedPackageAsync,
    };

    /// <summary>The claims of every JWT-looking token in a text, decoded, so ids inside tokens are searched too.</summary>
    public static string DecodedTokens(string text)
    {
        var decoded = new StringBuilder();
        foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(text, @"eyJ[A-Za-z0-9_-]+\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]*"))
        {
            decoded.AppendLine(Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(match.Groups[1].Value)));
        }

        return decoded.ToString();
    }

    private static void ExpectTotpStepForStaff(CaseContext c) =>
        c.Then(r =>
        {
            if (c.Succeeds && c.Caller.IsStaff)
            {
                Assert.Equal("totp-required", r.Json().GetProperty("status").GetString());
            }
        });

    private static void ExpectSessionEnded(CaseContext c) =>
        c.Then(async _ =>
        {
            if (c.Succeeds && c.Caller.HasSession)
            {
                var session = await c.World.Service<SessionService>().ReadAsync(c.Caller.UserId!, c.SessionId!, default);
                Assert.NotNull(session?.RevokedAt);
            }
        });

    private static void EndsEverySession(CaseContext c) =>
        c.Then(_ =>
        {
            if (c.Succeeds)
            {
                c.Caller.MainSessionEnded = true;
            }
        });

    private static void ChangesPassword(CaseContext c, string newPassword) =>
        c.Then(_ =>
        {
            if (c.Succeeds)
            {
                c.Caller.Password = newPassword;
            }
        });

    private static async Task<ApiRequest> SignInTotpAsync(CaseContext c)
    {
        if (!c.Caller.IsStaff)
        {
            return ApiRequest.PostJson("/api/auth/sign-in/totp", new { code = "123456" });
        }

        // The challenge the password step leaves in its cookie, from the same service (the password step
        // itself is the SignIn row's; its Argon2 check need not be paid again here).
        var issued = await c.World.Service<TotpService>().CreateChallengeAsync(c.Caller.UserId!, default);
        var challenge = $"{SessionCookies.TotpChallenge}={Uri.EscapeDataString(issued)}";
        return ApiRequest.PostJson("/api/auth/sign-in/totp", new { code = c.World.Factory.TotpCode(c.Caller.TotpSecret!) }) with
        {
            Cookie = c.Cookie is null ? challenge : $"{c.Cookie}; {challenge}",
        };
    }

    private static Task<ApiRequest> RegisterAsync(CaseContext c)
    {
        var email = c.World.NewEmail("inscription");
        c.Then(async _ =>
        {
            var account = await c.World.Service<Accounts>().FindByEmailAsync(email, default);
            Assert.NotNull(account);
            c.World.Ids.Add(account.Value.UserId, IdKind.Person, c.Home, account.Value.UserId);
            c.World.Ids.Add(email, IdKind.Person, c.Home, account.Value.UserId);
            foreach (var registration in await c.World.Service<RegistrationService>().OfUserAsync(c.Home, account.Value.UserId, default))
            {
                c.World.Ids.Add(registration.RegistrationId, IdKind.Registration, c.Home, account.Value.UserId);
            }
        });
        return Task.FromResult(ApiRequest.PostJson("/api/registrations", PortalSession.Registration(c.Home, c.World.NextRegistrationUnit(), email)));
    }

    private static async Task<ApiRequest> DecideAsync(CaseContext c, string decision, object body, RegistrationStatus success)
    {
        var registrationId = c.Succeeds
            ? (await c.World.PendingRegistrationAsync(c.Home)).RegistrationId
            : decision == "approve" ? c.World.PendingForApproval : c.World.PendingForRejection;
        c.Then(async _ =>
        {
            var stored = await c.World.Service<IDocumentStore>().ReadAsync<RegistrationDocument>(Containers.Buildings, c.Home, RegistrationDocument.IdFor(registrationId), default);
            Assert.Equal(c.Succeeds ? success : RegistrationStatus.Pending, stored!.Value.Status);
        });
        return ApiRequest.PostJson($"/api/buildings/{c.Home}/registrations/{registrationId}/{decision}", body);
    }

    private static async Task<ApiRequest> RevokeCodeAsync(CaseContext c)
    {
        var codeId = c.Succeeds ? await c.World.CodeAsync(c.Home, "101") : c.World.CodeToRevoke;
        c.Then(async _ =>
        {
            var stored = await c.World.Service<IDocumentStore>().ReadAsync<RegistrationCodeDocument>(Containers.Buildings, c.Home, RegistrationCodeDocument.IdFor(codeId), default);
            Assert.Equal(c.Succeeds, stored!.Value.RevokedAt is not null);
        });
        return ApiRequest.Post($"/api/buildings/{c.Home}/units/101/registration-codes/{codeId}/revoke");
    }

    private static async Task<ApiRequest> ConfirmOwnerAsync(CaseContext c)
    {
        var (userId, unitId) = c.Succeeds ? await c.World.AdmittedOwnerAsync() : c.World.OwnerToConfirm;
        c.Then(async _ =>
        {
            var stored = await c.World.Service<IDocumentStore>().ReadAsync<ResidentDocument>(Containers.Buildings, c.Home, ResidentDocument.IdFor(unitId, userId), default);
            Assert.Equal(c.Succeeds, stored!.Value.OwnerConfirmed);
        });
        return ApiRequest.PostJson($"/api/buildings/{c.Home}/residents/{userId}/owner", new { unitId, confirmed = true });
    }

    private static Task<ApiRequest> ImportUnitsAsync(CaseContext c)
    {
        var number = $"9{c.World.Next():D3}";
        c.Then(async _ =>
        {
            var unit = await c.World.Service<IDocumentStore>().ReadAsync<UnitDocument>(Containers.Buildings, c.Home, UnitDocument.IdFor(number), default);
            Assert.Equal(c.Succeeds, unit is not null);
        });
        return Task.FromResult(ApiRequest.PostJson($"/api/buildings/{c.Home}/units/import", new { csv = $"number,floor,type\n{number},9,residential" }));
    }

    private static Task<ApiRequest> ListStaffAsync(CaseContext c)
    {
        c.Then(r =>
        {
            if (!c.Succeeds)
            {
                return;
            }

            // The building's staff (the caller among them, and those who are no caller) and its open invitations.
            var body = r.Json();
            var members = body.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("userId").GetString()).ToList();
            var invitations = body.GetProperty("invitations").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
            Assert.Contains(c.Caller.UserId, members);
            Assert.Contains(c.World.Callers[CallerKind.FrontDesk].UserId, members);
            Assert.Contains(c.World.StaffToChange, members);
            Assert.Contains(c.World.InvitationToRevoke, invitations);
        });
        return Task.FromResult(ApiRequest.Get($"/api/buildings/{c.Home}/staff"));
    }

    private static Task<ApiRequest> InviteStaffAsync(CaseContext c)
    {
        var email = c.World.NewEmail("invite");
        c.Then(async r =>
        {
            var invitations = await c.World.Service<IDocumentStore>().QueryAllAsync<StaffInvitationDocument>(StaffQueries.InvitationsOfBuilding, c.Home, new QueryArgs(), default);
            var invited = invitations.Where(i => i.Email == email).ToList();
            Assert.Equal(c.Succeeds ? 1 : 0, invited.Count);
            if (c.Succeeds)
            {
                Assert.Equal(invited[0].InvitationId, r.Json().GetProperty("id").GetString());
                Assert.Equal(Core.Access.Role.FrontDesk, invited[0].Role);
                c.World.Ids.Add(invited[0].InvitationId, IdKind.Invitation, c.Home, null);
                c.World.Ids.Add(email, IdKind.Invitation, c.Home, null);
            }
        });
        return Task.FromResult(ApiRequest.PostJson($"/api/buildings/{c.Home}/staff/invitations", new { email, fullName = "Invité Lavoie", role = "frontDesk", language = "fr" }));
    }

    private static async Task<ApiRequest> RevokeStaffInvitationAsync(CaseContext c)
    {
        var invitationId = c.Succeeds ? await c.World.InvitationAsync(c.Home) : c.World.InvitationToRevoke;
        c.Then(async _ =>
        {
            var stored = await c.World.Service<IDocumentStore>().ReadAsync<StaffInvitationDocument>(Containers.Buildings, c.Home, StaffInvitationDocument.IdFor(invitationId), default);
            Assert.Equal(c.Succeeds ? InvitationStatus.Revoked : InvitationStatus.Pending, stored!.Value.StatusAt(TimeProvider.System.GetUtcNow()));
        });
        return ApiRequest.Post($"/api/buildings/{c.Home}/staff/invitations/{invitationId}/revoke");
    }

    private static async Task<ApiRequest> ChangeStaffRoleAsync(CaseContext c)
    {
        var userId = c.Succeeds ? await c.World.StaffMemberAsync(c.Home, Core.Access.Role.FrontDesk) : c.World.StaffToChange;
        c.Then(async r =>
        {
            var role = c.Succeeds ? Core.Access.Role.Board : Core.Access.Role.FrontDesk;
            Assert.Equal((role, role), await StaffRoleAsync(c, userId));
            if (c.Succeeds)
            {
                Assert.Equal(userId, r.Json().GetProperty("userId").GetString());
            }
        });
        return ApiRequest.PutJson($"/api/buildings/{c.Home}/staff/{userId}/role", new { role = "board" });
    }

    private static async Task<ApiRequest> RemoveStaffAsync(CaseContext c)
    {
        var userId = c.Succeeds ? await c.World.StaffMemberAsync(c.Home, Core.Access.Role.FrontDesk) : c.World.StaffToRemove;
        c.Then(async _ =>
        {
            var (roster, membership) = await StaffRoleAsync(c, userId);
            Assert.Equal(c.Succeeds, roster is null);
            Assert.Equal(c.Succeeds, membership is null);
        });
        return ApiRequest.Delete($"/api/buildings/{c.Home}/staff/{userId}");
    }

    /// <summary>The person's staff role in the home building as its roster and the account's memberships say (null: none).</summary>
    private static async Task<(Core.Access.Role? Roster, Core.Access.Role? Membership)> StaffRoleAsync(CaseContext c, string userId)
    {
        var store = c.World.Service<IDocumentStore>();
        var member = await store.ReadAsync<StaffMemberDocument>(Containers.Buildings, c.Home, StaffMemberDocument.IdFor(userId), default);
        var memberships = await store.ReadAsync<UserMemberships>(Containers.Users, userId, UserMemberships.DocumentId, default);
        var membership = memberships?.Value.Items.SingleOrDefault(m => m.BuildingId == c.Home && m.Role != Core.Access.Role.Resident);
        return (member?.Value.Role, membership?.Role);
    }

    private static Task<ApiRequest> UnknownInvitationToken(CaseContext c, string path, object body)
    {
        c.Then(r => Assert.Equal("invitation-invalid", r.Json().GetProperty("code").GetString()));
        return Task.FromResult(ApiRequest.PostJson(path, body));
    }

    private static Task<ApiRequest> NegotiateAsync(CaseContext c)
    {
        c.Then(r =>
        {
            if (!c.Succeeds)
            {
                return;
            }

            // The token's groups are the caller's own: their unit, or their building's staff.
            var claims = JsonDocument.Parse(DecodedTokens(r.Body)).RootElement;
            var groups = claims.GetProperty("grp").EnumerateArray().Select(g => g.GetString()).ToList();
            var expected = c.Caller.IsStaff ? RealtimeGroups.BuildingStaff(c.Caller.BuildingId!) : RealtimeGroups.Unit(c.Caller.BuildingId!, c.Caller.UnitId!);
            Assert.Equal([expected], groups);
        });
        return Task.FromResult(ApiRequest.Post("/api/negotiate"));
    }

    private static async Task<ApiRequest> RetryNoticeAsync(CaseContext c)
    {
        var noticeId = c.Succeeds ? await c.World.FailedNoticeAsync(c.Home) : c.World.NoticeToRetry;
        c.Then(async _ =>
        {
            var stored = await c.World.Service<IDocumentStore>().ReadAsync<NoticeDocument>(Containers.Buildings, c.Home, noticeId, default);
            Assert.Equal(c.Succeeds ? NoticeState.Sent : NoticeState.Failed, stored!.Value.State);
        });
        return ApiRequest.Post($"/api/buildings/{c.Home}/notices/{Uri.EscapeDataString(noticeId)}/retry");
    }

    private static async Task<ApiRequest> RetryDeadLetterAsync(CaseContext c)
    {
        var deadLetterId = c.Succeeds ? await c.World.DeadLetterAsync(c.Home) : c.World.DeadLetterToRetry;
        c.Then(async _ =>
        {
            var stored = await c.World.Service<IDocumentStore>().ReadAsync<DeadLetterDocument>(Containers.Leases, deadLetterId, deadLetterId, default);
            Assert.Equal(c.Succeeds, stored is null);
        });
        return ApiRequest.Post($"/api/buildings/{c.Home}/dead-letters/{Uri.EscapeDataString(deadLetterId)}/retry");
    }
    /// <summary>The <c>id</c> of each object of a JSON array.</summary>
    private static List<string?> Ids(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetProperty("id").GetString())];

    private static async Task<Stored<PackageDocument>> PackageAsync(CaseContext c, string packageId) =>
        await c.World.Service<PackageDesk>().RequireAsync(c.Home, packageId, default);

    private static void ExpectPhoto(CaseContext c) =>
        c.Then(r =>
        {
            if (c.Succeeds)
            {
                Assert.Equal("image/jpeg", r.Header("Content-Type"));
                var directives = r.Header("Cache-Control")!.Split(',', StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal);
                Assert.Equal(["no-store", "private"], directives);
            }
        });

    /// <summary>Records a package a successful case made, so the foreign-id rule covers it.</summary>
    private static void RecordPackage(CaseContext c, ApiResponse r)
    {
        if (c.Succeeds)
        {
            var package = r.Json();
            c.World.Ids.Add(package.GetProperty("id").GetString(), IdKind.Package, c.Home, null, package.TryGetProperty("unitId", out var unit) ? unit.GetString() : null);
        }
    }

    private static Task<ApiRequest> LogPackageAsync(CaseContext c)
    {
        var clientRequestId = Guid.NewGuid().ToString();
        var tracking = c.World.NewTrackingNumber();
        c.Then(async r =>
        {
            RecordPackage(c, r);
            var logged = await c.World.Service<IDocumentStore>().ReadAsync<PackageDocument>(
                Containers.Buildings, c.Home, PackageDocument.IdFor(PackageDesk.PackageIdFor(c.Caller.UserId ?? "", clientRequestId)), default);
            Assert.Equal(c.Succeeds, logged is not null);
            if (c.Succeeds)
            {
                Assert.Equal((PackageState.Waiting, "101", tracking), (logged!.Value.State, logged.Value.UnitId, logged.Value.TrackingNumber));
                Assert.Equal(logged.Value.PackageId, r.Json().GetProperty("id").GetString());
            }
        });
        return Task.FromResult(ApiRequest.PostJson($"/api/buildings/{c.Home}/packages", new
        {
            clientRequestId,
            unitId = "101",
            trackingNumber = tracking,
            size = "small",
            flags = new[] { "fragile" },
            location = "B2",
            confirmDuplicate = false,
        }));
    }

    private static async Task<ApiRequest> EditPackageAsync(CaseContext c)
    {
        var packageId = c.Succeeds ? await c.World.PackageAsync(c.Home, "101") : c.World.HomePackage;
        var current = await PackageAsync(c, packageId);
        c.Then(async _ =>
        {
            var stored = await PackageAsync(c, packageId);
            Assert.Equal(c.Succeeds ? ("C9", PackageSize.Large) : (current.Value.Location, current.Value.Size), (stored.Value.Location, stored.Value.Size));
        });
        return ApiRequest.PutJson($"/api/buildings/{c.Home}/packages/{packageId}", new { version = current.Value.DeskVersion(), carrier = "purolator", size = "large", flags = Array.Empty<string>(), location = "C9", note = "Étagère du bas" });
    }

    private static async Task<ApiRequest> AssignPackageRecipientAsync(CaseContext c)
    {
        var packageId = c.Succeeds ? await c.World.PackageAsync(c.Home, null) : c.World.UnknownRecipientPackage;
        c.Then(async _ =>
        {
            var stored = await PackageAsync(c, packageId);
            Assert.Equal(c.Succeeds ? (PackageState.Waiting, (string?)"101") : (PackageState.UnknownRecipient, (string?)null), (stored.Value.State, stored.Value.UnitId));
            if (c.Succeeds)
            {
                c.World.Ids.MoveToUnit(packageId, "101");
            }
        });
        return ApiRequest.PostJson($"/api/buildings/{c.Home}/packages/{packageId}/recipient", new { unitId = "101" });
    }

    private static async Task<ApiRequest> ReleasePackagesAsync(CaseContext c)
    {
        var packageId = c.Succeeds ? await c.World.PackageAsync(c.Home, "101") : c.World.HomePackage;
        var resident = c.World.Callers[CallerKind.ResidentA];
        c.Then(async r =>
        {
            var stored = await PackageAsync(c, packageId);
            Assert.Equal(c.Succeeds ? PackageState.Released : PackageState.Waiting, stored.Value.State);
            if (c.Succeeds)
            {
                Assert.Equal([packageId], Ids(r.Json().GetProperty("packages")));
            }
        });
        return ApiRequest.PostJson($"/api/buildings/{c.Home}/packages/release", new
        {
            unitId = "101",
            packageIds = new[] { packageId },
            releasedTo = new { kind = "resident", userId = resident.UserId, name = "Zoé Tremblay" },
            identityCheck = "photo-id",
        });
    }

    private static async Task<ApiRequest> UndoPackageReleaseAsync(CaseContext c)
    {
        var packageId = c.Succeeds ? await c.World.ReleasedPackageAsync() : c.World.ReleasedPackage;
        c.Then(async _ => Assert.Equal(c.Succeeds ? PackageState.Waiting : PackageState.Released, (await PackageAsync(c, packageId)).Value.State));
        return ApiRequest.PostJson($"/api/buildings/{c.Home}/packages/{packageId}/undo-release", new { reason = "Remis à la mauvaise personne." });
    }

    private static async Task<ApiRequest> RecordPackageExceptionAsync(CaseContext c)
    {
        var packageId = c.Succeeds ? await c.World.PackageAsync(c.Home, "101") : c.World.HomePackage;
        c.Then(async _ => Assert.Equal(c.Succeeds ? PackageState.Returned : PackageState.Waiting, (await PackageAsync(c, packageId)).Value.State));
        return ApiRequest.PostJson($"/api/buildings/{c.Home}/packages/{packageId}/exception", new { kind = "returned", note = "Refusé, retourné à l'expéditeur." });
    }

    private static async Task<ApiRequest> UploadPackagePhotoAsync(CaseContext c)
    {
        // Refused callers aim at unit 102's package, which has no photo: it must still have none, in the store and the photo store.
        var packageId = c.Succeeds ? await c.World.PackageAsync(c.Home, "101") : c.World.NeighbourPackage;
        c.Then(async _ =>
        {
            Assert.Equal(c.Succeeds, (await PackageAsync(c, packageId)).Value.HasPhoto);
            await using var photo = await c.World.Service<IPackagePhotoStore>().OpenReadAsync(c.Home, packageId, default);
            Assert.Equal(c.Succeeds, photo is not null);
        });
        return new ApiRequest(HttpMethods.Put, $"/api/buildings/{c.Home}/packages/{packageId}/photo") { ContentType = "image/png", Body = MatrixWorld.PhotoBytes() };
    }

    private static async Task<ApiRequest> LookUpPickupAsync(CaseContext c)
    {
        var resident = c.World.Callers[CallerKind.ResidentA];
        var code = await c.World.PickupCodeAsync(resident);
        c.Then(r =>
        {
            if (c.Succeeds)
            {
                var view = r.Json();
                Assert.Equal(("101", resident.UserId), (view.GetProperty("unitId").GetString(), view.GetProperty("person").GetProperty("userId").GetString()));
                Assert.Contains(c.World.HomePackage, Ids(view.GetProperty("waiting")));
            }
        });
        return ApiRequest.PostJson($"/api/buildings/{c.Home}/pickup/lookup", new { code = PickupCodes.Display(code) });
    }

    private static async Task<ApiRequest> ChangePackageSettingsAsync(CaseContext c)
    {
        var settings = c.World.Service<PackageSettingsService>();
        var current = await settings.ReadAsync(c.Home, default);
        var deskHours = $"Tous les jours, 7 h à 23 h (modifié {c.World.Next()})";
        c.Then(async _ =>
        {
            var stored = await settings.ReadAsync(c.Home, default);
            Assert.Equal(c.Succeeds ? deskHours : current.Settings.DeskHours.Fr, stored.Settings.DeskHours.Fr);
        });
        var s = current.Settings;
        return ApiRequest.PutJson($"/api/buildings/{c.Home}/package-settings", new
        {
            version = current.Version,
            deskHours = new { fr = deskHours, en = "Every day, 7 a.m. to 11 p.m." },
            pickupLocation = new { fr = s.PickupLocation.Fr, en = s.PickupLocation.En },
            reminderDays = s.ReminderDays,
            finalNoticeDay = s.FinalNoticeDay,
            returnDay = s.ReturnDay,
            overdueAfterDays = s.OverdueAfterDays,
            sendingHours = new { from = s.SendingFrom.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), to = s.SendingTo.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) },
            photoRetentionDays = s.PhotoRetentionDays,
        });
    }

    private static async Task<ApiRequest> RegeneratePickupCodeAsync(CaseContext c)
    {
        var resident = c.World.Callers[CallerKind.ResidentA];
        var before = await c.World.PickupCodeAsync(resident);
        c.Then(async r =>
        {
            var now = await c.World.PickupCodeAsync(resident);
            Assert.Equal(c.Succeeds, now != before);
            if (c.Succeeds)
            {
                Assert.Equal(now, r.Json().GetProperty("code").GetString());
            }
        });
        return ApiRequest.Post($"/api/buildings/{c.Home}/units/101/pickup-code");
    }

    private static async Task<ApiRequest> ChangePackagePreferencesAsync(CaseContext c)
    {
        var preferences = c.World.Service<PackagePreferencesService>();
        var resident = c.World.Callers[CallerKind.ResidentA];
        var current = await preferences.ReadAsync(c.Home, "101", resident.UserId!, default);
        var instructions = $"Laisser au voisin du 105 ({c.World.Next()}).";
        c.Then(async _ =>
        {
            var stored = await preferences.ReadAsync(c.Home, "101", resident.UserId!, default);
            Assert.Equal(c.Succeeds ? instructions : current.Preferences.Instructions, stored.Preferences.Instructions);
        });
        return ApiRequest.PutJson($"/api/buildings/{c.Home}/units/101/package-preferences", new
        {
            version = current.Household?.ETag,
            authorized = new[] { new { name = "Jean Roy", expiresOn = (string?)null } },
            neverRelease = Array.Empty<object>(),
            instructions,
        });
    }

    private static async Task<ApiRequest> ChangePackageNoticeChoicesAsync(CaseContext c)
    {
        var preferences = c.World.Service<PackagePreferencesService>();
        var resident = c.World.Callers[CallerKind.ResidentA];
        var current = (await preferences.ReadAsync(c.Home, "101", resident.UserId!, default)).Mine;
        var wanted = new PackageNoticeChoices(true, !current.Reminder, true);
        c.Then(async _ => Assert.Equal(c.Succeeds ? wanted : current, (await preferences.ReadAsync(c.Home, "101", resident.UserId!, default)).Mine));
        return ApiRequest.PutJson($"/api/buildings/{c.Home}/units/101/package-preferences/notices", new { arrival = wanted.Arrival, reminder = wanted.Reminder, release = wanted.Release });
    }

    private static Task<ApiRequest> AddExpectedPackageAsync(CaseContext c)
    {
        var tracking = c.World.NewTrackingNumber();
        c.Then(async r =>
        {
            var expected = await c.World.Service<PackagePreferencesService>().ListExpectedAsync(c.Home, "101", default);
            var added = expected.Where(e => e.TrackingNumber == tracking).ToList();
            Assert.Equal(c.Succeeds ? 1 : 0, added.Count);
            if (c.Succeeds)
            {
                Assert.Equal(added[0].ExpectedId, r.Json().GetProperty("id").GetString());
                c.World.Ids.Add(added[0].ExpectedId, IdKind.ExpectedPackage, c.Home, null, "101");
            }
        });
        return Task.FromResult(ApiRequest.PostJson($"/api/buildings/{c.Home}/units/101/expected-packages", new { trackingNumber = tracking, description = "Bottes d'hiver" }));
    }

    private static async Task<ApiRequest> RemoveExpectedPackageAsync(CaseContext c)
    {
        var expectedId = c.Succeeds ? await c.World.ExpectedPackageAsync(c.World.Callers[CallerKind.ResidentA]) : c.World.ExpectedToRemove;
        c.Then(async _ =>
        {
            var expected = await c.World.Service<PackagePreferencesService>().ListExpectedAsync(c.Home, "101", default);
            Assert.Equal(!c.Succeeds, expected.Any(e => e.ExpectedId == expectedId));
        });
        return ApiRequest.Delete($"/api/buildings/{c.Home}/units/101/expected-packages/{expectedId}");
    }
}
