namespace VirtualMeet.Server.Platform.Ids;

/// <summary>
/// Refuses a REST request whose route ids (<c>{eventId}</c>, <c>{sessionId}</c>, <c>{pollId}</c>, <c>{meetingId}</c>,
/// <c>{personId}</c>: every route value named <c>…Id</c>) do not have the shape of <see cref="EventIds"/>, with
/// <c>invalid_argument</c> (400) before any endpoint, rate limiter or store sees them. <c>DELETE /api/events/*</c>
/// must never become the purge pattern <c>vm:{*}:*</c>.
/// </summary>
internal static class IdRouteValues
{
    /// <summary>After authentication and authorization, so that an anonymous caller still learns only "401".</summary>
    public static WebApplication UseIdRouteValues(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            foreach (var (name, value) in context.Request.RouteValues)
            {
                if (name.EndsWith("Id", StringComparison.Ordinal))
                    EventIds.Require(value as string, name);
            }

            return next(context);
        });
        return app;
    }
}
