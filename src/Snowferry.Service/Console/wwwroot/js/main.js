// The console's shell: which view shows (sign-in, transfers, new transfer), who is signed in, signing out.
import { ApiProblem, get, onUnauthorized, session } from './api.js';
import { byId } from './dom.js';
import { focusSignIn, initSignIn, say } from './signin.js';
import { transfers } from './transfers.js';
import { newTransfer } from './newtransfer.js';

const views = { signin: byId('view-signin'), transfers: byId('view-transfers'), new: byId('view-new') };
const tabs = { transfers: byId('nav-transfers'), new: byId('nav-new') };
let me = null;

function route() {
  return location.hash === '#new' ? 'new' : 'transfers';
}

function show(name, { focus = false } = {}) {
  byId('loading').hidden = true;
  for (const [key, view] of Object.entries(views)) view.hidden = key !== name;
  for (const [key, tab] of Object.entries(tabs)) {
    if (key === name) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  const signedIn = name !== 'signin';
  byId('nav').hidden = !signedIn;
  byId('who').hidden = !signedIn;
  if (name === 'transfers') transfers.start();
  else transfers.stop();
  document.title = { signin: 'Sign in', transfers: 'Transfers', new: 'New transfer' }[name] + ' · snowferry console';
  if (focus) (name === 'signin' ? focusSignIn() : views[name].querySelector('h1').focus());
}

function signedIn(profile, { focus = true } = {}) {
  me = profile;
  byId('client-name').textContent = me.client;
  newTransfer.configure(me);
  show(route(), { focus });
}

function signOut(message) {
  session.signOut();
  me = null;
  transfers.reset();
  newTransfer.reset();
  say(message);
  show('signin', { focus: true });
}

onUnauthorized(() => signOut('The service no longer accepts your key (it may have been rotated or removed): sign in again.'));
initSignIn((profile) => signedIn(profile));
byId('sign-out').addEventListener('click', () => signOut('Signed out: the key is gone from this tab.'));
newTransfer.onSubmitted(() => {
  location.hash = '#transfers';
});
window.addEventListener('hashchange', () => {
  if (me) show(route(), { focus: true });
});
for (const view of Object.values(views)) view.querySelector('h1').setAttribute('tabindex', '-1');

async function start() {
  if (!session.key()) {
    show('signin');
    return;
  }
  try {
    const { data } = await get('/v1/me');
    signedIn(data, { focus: false });
  } catch (error) {
    if (!(error instanceof ApiProblem)) throw error;
    // A 401 has already signed out; anything else leaves the key and says why the console cannot start.
    if (error.status !== 401) {
      say(`${error.title}: ${error.detail}`);
      show('signin');
    }
  }
}

start();
