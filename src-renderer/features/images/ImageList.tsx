import { useMemo } from 'react';
import { useStore } from '../../store';
import type { ImageSort } from '../../store/images-slice';
import { displayName, formatBytes, shortId, visibleImages } from './visible-images';

/** Local images, one row per image ID with all its tags. */
export function ImageList(): React.JSX.Element {
  const images = useStore((s) => s.images);
  const filter = useStore((s) => s.imageFilter);
  const sort = useStore((s) => s.imageSort);
  const error = useStore((s) => s.imagesError);
  const setFilter = useStore((s) => s.setImageFilter);
  const setSort = useStore((s) => s.setImageSort);
  const rows = useMemo(() => visibleImages(images, filter, sort), [images, filter, sort]);

  return (
    <section className="images" aria-label="Images">
      <div className="toolbar">
        <h2>Images</h2>
        <input
          type="search"
          placeholder="Filter by tag or ID"
          aria-label="Filter images"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <label>
          Sort{' '}
          <select aria-label="Sort images" value={sort} onChange={(e) => setSort(e.target.value as ImageSort)}>
            <option value="name">name</option>
            <option value="size">size</option>
            <option value="created">created</option>
          </select>
        </label>
        <span className="count">{rows.length} images</span>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      <table>
        <thead>
          <tr>
            <th>Tags</th>
            <th>Image ID</th>
            <th>Created</th>
            <th className="num">Size</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((img) => (
            <tr key={img.id} data-testid="image-row" className={img.dangling ? 'dangling' : undefined}>
              <td>
                {img.repoTags.length === 0 ? (
                  <span className="tag tag-none" title="Dangling: no repository or tag">
                    {displayName(img)}
                  </span>
                ) : (
                  img.repoTags.map((t) => (
                    <span key={t} className="tag" data-testid="image-tag">
                      {t}
                    </span>
                  ))
                )}
              </td>
              <td className="mono" title={img.id}>
                {shortId(img.id)}
              </td>
              <td>{new Date(img.created).toLocaleString()}</td>
              <td className="num">{formatBytes(img.size)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
