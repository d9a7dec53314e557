using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Platform.Text;
using VirtualMeet.Server.Platform.Hosting.Problems;

namespace VirtualMeet.Server.Features.Registrations;

/// <summary>Checks a sign-up and reports every problem keyed by its JSON field.</summary>
internal static class AttendeeRequestValidator
{
    public const int MaxDisplayName = 100;
    public const int MaxEmail = 254;
    public const int MaxOrganization = 200;
    public const int MaxInterests = 20;
    public const int MaxInterest = 50;

    /// <summary>Every problem of <paramref name="request"/>, of which the first <paramref name="maxErrors"/> are kept.</summary>
    public static ValidationErrors Validate(
        AttendeeRegistrationRequest request, IReadOnlyList<string> eventLanguages, int maxErrors = ValidationErrors.DefaultLimit)
    {
        var errors = new ValidationErrors(maxErrors);
        var name = request.DisplayName?.Trim();
        if (string.IsNullOrEmpty(name))
            errors.Add("displayName", "Display name is required.");
        else if (name.Length > MaxDisplayName)
            errors.Add("displayName", $"Display name has {name.Length} characters; at most {MaxDisplayName} are allowed.");
        else if (UserText.Clean(name, MaxDisplayName, "Display name").Error is { } nameError)
            errors.Add("displayName", nameError);

        if (request.Email is { Length: > 0 } email)
        {
            var at = email.IndexOf('@', StringComparison.Ordinal);
            if (email.Length > MaxEmail || at < 1 || at == email.Length - 1 || email.Any(char.IsWhiteSpace))
                errors.Add("email", $"'{email}' is not an email address.");
        }

        if (request.Organization?.Length > MaxOrganization)
            errors.Add("organization", $"Organization has more than {MaxOrganization} characters.");
        else if (!string.IsNullOrWhiteSpace(request.Organization) && UserText.Clean(request.Organization, MaxOrganization, "Organization").Error is { } organizationError)
            errors.Add("organization", organizationError);

        if (request.Language is { } language && !(EventValidator.SupportedLanguages.Contains(language) && eventLanguages.Contains(language)))
            errors.Add("language", $"Language '{language}' is not offered; use one of: {string.Join(", ", eventLanguages)}.");

        var interests = request.Interests ?? [];
        if (interests.Count > MaxInterests)
            errors.Add("interests", $"At most {MaxInterests} interests are allowed, not {interests.Count}.");
        for (var i = 0; i < interests.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(interests[i]) || interests[i].Length > MaxInterest)
                errors.Add($"interests[{i}]", $"An interest has 1 to {MaxInterest} characters.");
            else if (UserText.Clean(interests[i], MaxInterest, "An interest").Error is { } interestError)
                errors.Add($"interests[{i}]", interestError);
        }

        return errors;
    }
}
