using FrontrunnerAtlas.Api.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace FrontrunnerAtlas.Api.Accounts;

/// <summary>
/// Identity's messages that reach a person choosing a password or accepting an invitation, said in the request's
/// language (see <see cref="Messages"/>); the rest stay Identity's English (no route of the atlas can cause them).
/// </summary>
internal sealed class LocalizedIdentityErrors(IStringLocalizer<Messages> l) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = l["Passwords must be at least {0} characters.", length] };

    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = l["'{0}' has an account already.", email] };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = l["'{0}' has an account already.", userName] };

    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = l["'{0}' is not an e-mail address (name@example.eu).", email ?? ""] };

    public override IdentityError InvalidUserName(string? userName) =>
        new() { Code = nameof(InvalidUserName), Description = l["'{0}' is not an e-mail address (name@example.eu).", userName ?? ""] };
}
