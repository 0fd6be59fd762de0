import { useRef, useState } from 'react';
import { usePhotoUrl } from './hooks.js';

/** A call's photo (ECG trace, rash): thumbnail that opens full size on click. */
export function Photo({ photoId, size = 'thumb' }: { photoId: string; size?: 'thumb' | 'large' }) {
  const { url, error } = usePhotoUrl(photoId);
  const [open, setOpen] = useState(false);
  const thumb = useRef<HTMLButtonElement>(null);
  // Closing (click, Close or Escape) puts focus back on the thumbnail, not on <body>.
  const close = () => {
    setOpen(false);
    thumb.current?.focus();
  };
  if (error) return <span className="photo-error">Photo unavailable: {error}</span>;
  if (!url) return <span className={`photo photo-${size} photo-loading`} role="img" aria-label="Loading photo" />;
  return (
    <>
      <button type="button" className={`photo photo-${size}`} ref={thumb} onClick={() => setOpen(true)} aria-label="Show photo full size">
        <img src={url} alt="Photo attached to the query" data-testid="call-photo" />
      </button>
      {open && (
        <div
          className="lightbox"
          role="dialog"
          aria-modal="true"
          aria-label="Photo"
          onClick={close}
          onKeyDown={(e) => e.key === 'Escape' && close()}
        >
          <img src={url} alt="Photo attached to the query, full size" />
          <button type="button" className="btn" autoFocus onClick={close}>
            Close
          </button>
        </div>
      )}
    </>
  );
}
