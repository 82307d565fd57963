using System.Text;
using System.Text.Json;
using LoftsDesArts.Api.Tests.Support;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Realtime;
using LoftsDesArts.Core.Registrations;
using LoftsDesArts.Core.Staff;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Core.Units;
using LoftsDesArts.Http.Identity;

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
}
