// Route-level settings every route declares: deny by default unless it names a permission or says public.
import type { Actor } from '../admin/actor.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission an actor needs; checked before the handler. */
    permission?: string;
    /** Open to anyone, logged in or not. */
    public?: boolean;
    /** Any logged-in actor. */
    authenticated?: boolean;
  }
  interface FastifyRequest {
    actor?: Actor;
  }
}
