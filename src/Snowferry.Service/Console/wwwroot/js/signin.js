// Sign-in: the key is tried against GET /v1/me before it is kept, so a mistyped key is refused here, not on the next call.
import { ApiProblem, get, session } from './api.js';
import { byId } from './dom.js';

const form = byId('signin-form');
const input = byId('signin-key');
const message = byId('signin-message');
const submit = byId('signin-submit');

/** Shows why the reader is at sign-in (refused key, signed out); empty for none. */
export function say(text) {
  message.textContent = text;
  input.setAttribute('aria-invalid', text && !text.startsWith('Signed out') ? 'true' : 'false');
}

/** Calls onSignedIn(me) once a key the service knows is entered. */
export function initSignIn(onSignedIn) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (!key) {
      say('Enter your client key: the sfk_… text your service\'s operator gave you.');
      input.focus();
      return;
    }
    submit.disabled = true;
    try {
      const { data: me } = await get('/v1/me', { key });
      session.signIn(key);
      input.value = '';
      say('');
      onSignedIn(me);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      say(error.status === 401
        ? 'The service does not know this key: check that it was copied whole (it starts with sfk_), or ask the operator for a new one.'
        : `${error.title}: ${error.detail}`);
      input.focus();
    } finally {
      submit.disabled = false;
    }
  });
}

export function focusSignIn() {
  input.focus();
}
